package io.ringstream.launcher;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where a password typed for {@code ./ringstream user add} comes from: a file, the terminal without
 * echo, or one line of stdin; never a command-line argument, which every local user sees in {@code
 * ps}.
 */
final class SecretInput {
    static final int MIN_LENGTH = 8;

    private final InputStream in;
    private final Console console;

    /**
     * @param console the terminal, or null when stdin or stdout is not one
     */
    SecretInput(InputStream in, Console console) {
        this.in = in;
        this.console = console;
    }

    /** The password for {@code who}, from {@code file} when given. */
    String password(String who, Path file) {
        String password;
        if (file != null) {
            password = firstLine(file);
        } else if (console != null) {
            password = typedTwice(who);
        } else {
            password = stdinLine();
        }
        if (password.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(
                    "a password needs at least " + MIN_LENGTH + " characters");
        }
        return password;
    }

    private String typedTwice(String who) {
        char[] first = console.readPassword("password for %s: ", who);
        char[] again = console.readPassword("the same again: ");
        try {
            if (first == null || again == null || !Arrays.equals(first, again)) {
                throw new IllegalArgumentException("the two passwords differ");
            }
            return new String(first);
        } finally {
            if (first != null) {
                Arrays.fill(first, ' ');
            }
            if (again != null) {
                Arrays.fill(again, ' ');
            }
        }
    }

    private String stdinLine() {
        try {
            String line =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                            .readLine();
            if (line == null) {
                throw new IllegalArgumentException(
                        "no password: give --password-file F, or one line on stdin");
            }
            return stripLineEnd(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the password from stdin", e);
        }
    }

    private static String firstLine(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            return stripLineEnd(end < 0 ? text : text.substring(0, end));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the password file " + file, e);
        }
    }

    private static String stripLineEnd(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
