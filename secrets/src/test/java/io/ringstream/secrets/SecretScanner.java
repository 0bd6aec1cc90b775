package io.ringstream.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what looks like a real secret in a file's text, so {@link RepositoryHasNoSecretsTest} can
 * keep keys, tokens and passwords out of the repository.
 *
 * <p>Two kinds of rules:
 *
 * <ul>
 *   <li><b>Formats, in every file</b> (Java test sources too): PEM private key blocks, JWT-shaped
 *       tokens (three base64url parts, the first two starting {@code eyJ}), AWS access key ids,
 *       GitHub and Slack tokens. These shapes are never needed literally: a test that needs one
 *       builds it at run time (a signed token from its own key, a string concatenated from parts).
 *   <li><b>Assignments, in config-like files only</b> (yml, yaml, properties, env files, xml, json,
 *       shell scripts, Dockerfiles, compose files, conf/ini/toml): a key named like a secret
 *       ({@code password}, {@code passwd}, {@code secret}, {@code token}, {@code api_key}, ending
 *       the key, any case or separator) set to a literal value. Java sources legitimately hold
 *       throwaway test secrets in assignments, so this rule skips them; those files still get the
 *       format rules.
 * </ul>
 *
 * <p>An assignment's value is allowed when it is a placeholder: empty (or YAML {@code null}/{@code
 * ~}), a reference to the environment ({@code ${VAR}}, {@code ${VAR:?message}}, {@code ${VAR?m}},
 * {@code ${VAR:-}} with an empty default, {@code $VAR}, Grafana's {@code $__env{VAR}} and {@code
 * $__file{path}}), a YAML alias or block marker, or a value containing one of the {@link
 * #PLACEHOLDER_MARKERS} or wrapped in angle brackets ({@code <your-password>}). A default such as
 * {@code ${VAR:-ringstream}} is a literal and is reported. Keys ending in {@code _FILE}/{@code
 * -file} name a file, not a secret, and are skipped. A line containing {@value #ALLOW_MARKER} is
 * skipped: the marker must say in review why the line is not a secret.
 *
 * <p>Findings name the file, line and rule, never the matched text, so a report does not spread the
 * secret further.
 */
final class SecretScanner {
    /** Values containing one of these (any case) are placeholders, not secrets. */
    static final List<String> PLACEHOLDER_MARKERS =
            List.of("changeme", "change-me", "change_me", "placeholder", "not-a-secret");

    /** A line holding this is skipped; the rest of the line must justify it. */
    static final String ALLOW_MARKER = "secret-scan:allow";

    /** A rule that found something. */
    enum Rule {
        PEM_PRIVATE_KEY("PEM private key block"),
        JWT("JWT-shaped token"),
        AWS_ACCESS_KEY_ID("AWS access key id"),
        GITHUB_TOKEN("GitHub token"),
        SLACK_TOKEN("Slack token or webhook"),
        LITERAL_SECRET_ASSIGNMENT("secret-named key set to a literal value");

        final String description;

        Rule(String description) {
            this.description = description;
        }
    }

    /** One finding: where, and which rule; never the matched text. */
    record Finding(String file, int line, Rule rule) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + rule.description;
        }
    }

    private record FormatRule(Rule rule, Pattern pattern) {}

    private static final List<FormatRule> FORMAT_RULES =
            List.of(
                    new FormatRule(
                            Rule.PEM_PRIVATE_KEY,
                            Pattern.compile("-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----")),
                    new FormatRule(
                            Rule.JWT,
                            Pattern.compile(
                                    "\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}")),
                    new FormatRule(
                            Rule.AWS_ACCESS_KEY_ID,
                            Pattern.compile("\\b(AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\\b")),
                    new FormatRule(
                            Rule.GITHUB_TOKEN,
                            Pattern.compile(
                                    "\\bgh[pousr]_[A-Za-z0-9]{36,}\\b|\\bgithub_pat_[A-Za-z0-9_]{60,}")),
                    new FormatRule(
                            Rule.SLACK_TOKEN,
                            Pattern.compile(
                                    "\\bxox[abposr]-[A-Za-z0-9-]{10,}"
                                            + "|hooks\\.slack\\.com/services/T[A-Za-z0-9]+/")));

    private static final String SECRET_KEY =
            "[A-Za-z0-9_.\\-]*(?i:password|passwd|pwd|secret|token|api[_-]?key|apikey)";

    /**
     * {@code key: value}, {@code key=value}, {@code "key": "value"}, {@code - KEY=value}, {@code
     * export KEY=value}, {@code ENV KEY=value}, at the start of a line.
     */
    private static final Pattern ASSIGNMENT =
            Pattern.compile(
                    "^\\s*(?:-\\s+|export\\s+|ENV\\s+|ARG\\s+|readonly\\s+|local\\s+)?[\"']?("
                            + SECRET_KEY
                            + ")[\"']?\\s*(?::(?=\\s|$)|=)\\s*(.*)$");

    /** {@code <password>value</password>} and {@code password="value"} in XML. */
    private static final Pattern XML_ELEMENT =
            Pattern.compile("<(" + SECRET_KEY + ")>([^<]*)</\\1>");

    private static final Pattern XML_ATTRIBUTE =
            Pattern.compile("\\s(" + SECRET_KEY + ")\\s*=\\s*\"([^\"]*)\"");

    private static final Pattern ENV_REFERENCE =
            Pattern.compile(
                    "\\$__(?:env|file)\\{[^}]*}"
                            + "|\\$\\{[A-Za-z_][A-Za-z0-9_]*(?:(?::?\\?)[^}]*|:?-)?}"
                            + "|\\$[A-Za-z_][A-Za-z0-9_]*");

    private static final Set<String> CONFIG_EXTENSIONS =
            Set.of(
                    "yml",
                    "yaml",
                    "properties",
                    "env",
                    "xml",
                    "json",
                    "sh",
                    "bash",
                    "conf",
                    "ini",
                    "toml",
                    "cfg");

    private SecretScanner() {}

    /** Whether the assignment rule applies to a file, judged by its name and first line. */
    static boolean isConfigLike(String path, String text) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        String lower = name.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        String extension = dot < 0 ? "" : lower.substring(dot + 1);
        return CONFIG_EXTENSIONS.contains(extension)
                || lower.startsWith("dockerfile")
                || lower.startsWith(".env")
                || lower.startsWith("docker-compose")
                || lower.startsWith("compose.")
                || (dot < 0 && text.startsWith("#!") && firstLine(text).contains("sh"));
    }

    /** Every finding in one file's text. */
    static List<Finding> scan(String path, String text) {
        List<Finding> findings = new ArrayList<>();
        boolean configLike = isConfigLike(path, text);
        boolean xml = path.toLowerCase(Locale.ROOT).endsWith(".xml");
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.contains(ALLOW_MARKER)) {
                continue;
            }
            for (FormatRule rule : FORMAT_RULES) {
                if (rule.pattern().matcher(line).find()) {
                    findings.add(new Finding(path, i + 1, rule.rule()));
                }
            }
            if (configLike && hasLiteralAssignment(line, xml)) {
                findings.add(new Finding(path, i + 1, Rule.LITERAL_SECRET_ASSIGNMENT));
            }
        }
        return findings;
    }

    private static boolean hasLiteralAssignment(String line, boolean xml) {
        Matcher assignment = ASSIGNMENT.matcher(line);
        if (assignment.matches()
                && !namesAFile(assignment.group(1))
                && isLiteral(cleanValue(assignment.group(2)))) {
            return true;
        }
        if (xml) {
            for (Pattern pattern : List.of(XML_ELEMENT, XML_ATTRIBUTE)) {
                Matcher m = pattern.matcher(line);
                while (m.find()) {
                    if (!namesAFile(m.group(1)) && isLiteral(m.group(2).strip())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean namesAFile(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.endsWith("_file") || lower.endsWith("-file") || lower.endsWith(".file");
    }

    /** The value without a trailing comment, JSON comma and surrounding quotes. */
    private static String cleanValue(String raw) {
        String value = raw.strip();
        if (value.startsWith("\"") || value.startsWith("'")) {
            char quote = value.charAt(0);
            int end = value.indexOf(quote, 1);
            return end < 0 ? value.substring(1) : value.substring(1, end);
        }
        int comment = value.indexOf(" #");
        if (comment >= 0) {
            value = value.substring(0, comment);
        }
        value = value.strip();
        if (value.endsWith(",")) {
            value = value.substring(0, value.length() - 1).strip();
        }
        return value;
    }

    /** Whether a value is a literal secret rather than a placeholder or reference. */
    static boolean isLiteral(String value) {
        if (value.isEmpty()
                || value.equals("null")
                || value.equals("~")
                || value.equals("|")
                || value.equals(">")
                || value.equals("{")
                || value.equals("[")
                || value.matches("\\*[A-Za-z0-9_-]+")) {
            return false;
        }
        if (ENV_REFERENCE.matcher(value).replaceAll("").isBlank()) {
            return false;
        }
        if (value.startsWith("<") && value.endsWith(">")) {
            return false;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        return PLACEHOLDER_MARKERS.stream().noneMatch(lower::contains);
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
