package io.ringstream.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * No key, token or password is committed: every file git tracks is scanned with {@link
 * SecretScanner} (its Javadoc states the rules and what counts as a placeholder). A secret that
 * must be configured comes from the environment or a file ({@link Secrets}); docker-compose takes
 * it from the untracked {@code .env}. A test that needs a token-shaped value builds it at run time.
 */
class RepositoryHasNoSecretsTest {

    /** Fewer tracked files than this means git listed the wrong tree, not a clean repository. */
    private static final int PLAUSIBLE_FILE_COUNT = 100;

    /** Larger files are data, not configuration; none is tracked today. */
    private static final long MAX_SCANNED_BYTES = 5_000_000;

    @Test
    void noTrackedFileHoldsASecret() throws Exception {
        Path root = repositoryRoot();
        List<String> files = trackedFiles(root);

        assertThat(files)
                .as("git ls-files in " + root)
                .hasSizeGreaterThan(PLAUSIBLE_FILE_COUNT)
                .contains(
                        "pom.xml",
                        "docker-compose.yml",
                        ".env.example",
                        "secrets/src/test/java/io/ringstream/secrets/RepositoryHasNoSecretsTest.java");

        List<SecretScanner.Finding> findings = new ArrayList<>();
        int scanned = 0;
        for (String file : files) {
            Path path = root.resolve(file);
            if (!Files.isRegularFile(path) || Files.size(path) > MAX_SCANNED_BYTES) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(path);
            if (isBinary(bytes)) {
                continue;
            }
            scanned++;
            findings.addAll(SecretScanner.scan(file, new String(bytes, StandardCharsets.UTF_8)));
        }

        assertThat(scanned).as("text files scanned").isGreaterThan(PLAUSIBLE_FILE_COUNT);
        assertThat(findings)
                .as(
                        "secrets in tracked files (take them from the environment or a *_FILE,"
                                + " see the SecretScanner Javadoc for placeholders):%n%s",
                        findings.stream().map(Object::toString).collect(Collectors.joining("\n")))
                .isEmpty();
    }

    @Test
    void everyRuleFiresOnPlantedSamplesAndPlaceholdersPass() {
        // Built at run time from parts, so this source holds nothing that looks like a secret.
        String pem = "-----BEGIN " + "RSA PRIVATE" + " KEY-----";
        String jwt =
                "eyJ" + "hbGciOiJIUzI1NiJ9" + ".eyJ" + "zdWIiOiIxMDAxIn0" + "." + "x".repeat(43);
        String aws = "AKIA" + "Q".repeat(16);
        String github = "ghp" + "_" + "a1".repeat(18);
        String slack = "xox" + "b-" + "1234567890-abcdefghij";
        String literal = "s3" + "cr3t-value";

        assertFinds(
                "Keys.java", "String key = \"" + pem + "\";", SecretScanner.Rule.PEM_PRIVATE_KEY);
        assertFinds("AuthTest.java", "token = \"" + jwt + "\";", SecretScanner.Rule.JWT);
        assertFinds("notes.md", "aws " + aws, SecretScanner.Rule.AWS_ACCESS_KEY_ID);
        assertFinds("ci.yml", "run: echo " + github, SecretScanner.Rule.GITHUB_TOKEN);
        assertFinds("Hook.java", "\"" + slack + "\"", SecretScanner.Rule.SLACK_TOKEN);

        SecretScanner.Rule assignment = SecretScanner.Rule.LITERAL_SECRET_ASSIGNMENT;
        assertFinds("docker-compose.yml", "      RINGSTREAM_AMI_SECRET: " + literal, assignment);
        assertFinds(
                "docker-compose.yml",
                "      RINGSTREAM_AMI_SECRET: ${RINGSTREAM_AMI_SECRET:-" + literal + "}",
                assignment);
        assertFinds("app.properties", "micronaut.security.token.secret=" + literal, assignment);
        assertFinds(".env.example", "GF_SECURITY_ADMIN_PASSWORD=" + literal, assignment);
        assertFinds("clickhouse.yaml", "      password: \"" + literal + "\"", assignment);
        assertFinds("users.json", "  \"api_key\": \"" + literal + "\",", assignment);
        assertFinds("users.xml", "    <password>" + literal + "</password>", assignment);
        assertFinds("Dockerfile", "ENV RINGSTREAM_JWT_SECRET=" + literal, assignment);
        assertFinds("deploy.sh", "export CLIENT_SECRET='" + literal + "'", assignment);
        assertFinds("run", "#!/usr/bin/env bash\nPBX_TOKEN=" + literal, assignment);

        for (String placeholder :
                List.of(
                        "",
                        "\"\"",
                        "${RINGSTREAM_AMI_SECRET}",
                        "${RINGSTREAM_AMI_SECRET:?set RINGSTREAM_AMI_SECRET in .env, see README}",
                        "${RINGSTREAM_INGEST_HMAC_SECRET:-}",
                        "$RINGSTREAM_JWT_SECRET",
                        "$__env{RINGSTREAM_CLICKHOUSE_GRAFANA_PASSWORD}",
                        "changeme",
                        "<your-password>",
                        "null")) {
            assertThat(SecretScanner.scan("docker-compose.yml", "  PASSWORD: " + placeholder))
                    .as(placeholder)
                    .isEmpty();
        }
        assertThat(SecretScanner.scan("compose.yml", "  AMI_SECRET_FILE: /run/secrets/ami"))
                .as("a *_FILE key names a file")
                .isEmpty();
        assertThat(SecretScanner.scan("users.xml", "<password></password>")).isEmpty();
        assertThat(SecretScanner.scan("ConfigTest.java", "String password = \"" + literal + "\";"))
                .as("Java test sources may hold throwaway secrets in assignments")
                .isEmpty();
        assertThat(
                        SecretScanner.scan(
                                "init.sh",
                                "if [ -z \"${RINGSTREAM_CLICKHOUSE_GRAFANA_PASSWORD:-}\" ]; then"))
                .as("a variable's use is no assignment")
                .isEmpty();
        assertThat(
                        SecretScanner.scan(
                                "app.yml",
                                "password: " + literal + " # " + SecretScanner.ALLOW_MARKER + " x"))
                .isEmpty();

        // A finding names the place and the rule, never the secret.
        assertThat(SecretScanner.scan("a.env", "\nDB_PASSWORD=" + literal).get(0).toString())
                .isEqualTo("a.env:2: " + assignment.description)
                .doesNotContain(literal);
        assertThat(fired)
                .as("every rule is planted above")
                .isEqualTo(EnumSet.allOf(SecretScanner.Rule.class));
    }

    /** The rules seen firing by {@link #assertFinds}, to prove every rule was planted. */
    private final Set<SecretScanner.Rule> fired = EnumSet.noneOf(SecretScanner.Rule.class);

    private void assertFinds(String file, String text, SecretScanner.Rule rule) {
        fired.add(rule);
        assertThat(SecretScanner.scan(file, text))
                .as(file + " should trip " + rule)
                .extracting(SecretScanner.Finding::rule)
                .contains(rule);
    }

    /**
     * The working tree's root: the nearest folder up holding {@code .git} (a file in worktrees).
     */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                return d;
            }
        }
        throw new AssertionError(
                "no .git above " + dir + ": the scan needs a git checkout to list tracked files");
    }

    /** {@code git ls-files -z} in {@code root}; fails the test if git fails. */
    static List<String> trackedFiles(Path root) throws IOException, InterruptedException {
        Process git =
                new ProcessBuilder("git", "-c", "core.quotepath=off", "ls-files", "-z")
                        .directory(root.toFile())
                        .redirectErrorStream(true)
                        .start();
        byte[] output;
        try (InputStream in = git.getInputStream()) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            output = buffer.toByteArray();
        }
        if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
            throw new AssertionError(
                    "git ls-files failed in "
                            + root
                            + ": "
                            + new String(output, StandardCharsets.UTF_8));
        }
        return Arrays.stream(new String(output, StandardCharsets.UTF_8).split("\0"))
                .filter(name -> !name.isEmpty())
                .toList();
    }

    private static boolean isBinary(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
