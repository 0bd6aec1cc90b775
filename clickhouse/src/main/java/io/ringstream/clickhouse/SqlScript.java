package io.ringstream.clickhouse;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration file into statements, because ClickHouse's HTTP interface (and so JDBC) runs
 * exactly one statement per request.
 *
 * <p>A statement ends at a {@code ;} outside quotes and comments. Comments are dropped, so a file
 * may explain itself without sending comment-only "statements" to the server.
 */
final class SqlScript {
    private SqlScript() {}

    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                i = skipLineComment(script, i);
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                i = skipBlockComment(script, i);
                current.append(' ');
            } else if (c == '\'' || c == '"' || c == '`') {
                int end = endOfQuoted(script, i, c);
                current.append(script, i, end);
                i = end;
            } else if (c == ';') {
                addIfNotBlank(statements, current);
                current.setLength(0);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        addIfNotBlank(statements, current);
        return List.copyOf(statements);
    }

    private static int skipLineComment(String s, int from) {
        int end = s.indexOf('\n', from);
        return end < 0 ? s.length() : end;
    }

    private static int skipBlockComment(String s, int from) {
        int end = s.indexOf("*/", from + 2);
        if (end < 0) {
            throw new IllegalArgumentException("unterminated /* comment at offset " + from);
        }
        return end + 2;
    }

    /** Index just past the closing quote; a backslash escapes the next character. */
    private static int endOfQuoted(String s, int from, char quote) {
        int i = from + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        throw new IllegalArgumentException("unterminated " + quote + " quote at offset " + from);
    }

    private static void addIfNotBlank(List<String> statements, StringBuilder current) {
        String statement = current.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
    }
}
