package io.ringstream.clickhouse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned schema change read from {@code clickhouse/migrations/V<n>__<name>.sql}.
 *
 * @param version the number after {@code V}; migrations apply in ascending version order
 * @param name the file name without {@code .sql}, e.g. {@code V002__contact_events}
 * @param statements the statements of the file, comments removed
 * @param checksum SHA-256 of the statements, so an edited, already-applied migration is noticed
 *     (comment-only edits do not change it)
 */
public record Migration(int version, String name, List<String> statements, String checksum) {

    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

    public Migration {
        statements = List.copyOf(statements);
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("migration " + name + " has no statements");
        }
    }

    /** Parses a migration from its file name and content. */
    public static Migration parse(String fileName, String script) {
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "migration file name must look like V001__what_it_does.sql: " + fileName);
        }
        List<String> statements = SqlScript.statements(script);
        return new Migration(
                Integer.parseInt(m.group(1)),
                fileName.substring(0, fileName.length() - ".sql".length()),
                statements,
                sha256(String.join(";\n", statements)));
    }

    static boolean isMigrationFileName(String fileName) {
        return FILE_NAME.matcher(fileName).matches();
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-256", e);
        }
    }
}
