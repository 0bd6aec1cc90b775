package io.ringstream.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a secret the one way every Ringstream deployable accepts: from the environment variable
 * {@code NAME}, or from the file named by {@code NAME_FILE} (Docker and Kubernetes secrets). Never
 * from a command-line argument, which every local user sees in {@code ps}.
 *
 * <p>Setting both is refused, so a stale variable cannot silently win over a mounted file. A file's
 * trailing newline is dropped (editors and {@code echo} add one).
 */
public final class Secrets {
    /** The suffix that names a file holding the secret instead of the secret itself. */
    public static final String FILE_SUFFIX = "_FILE";

    private final Map<String, String> env;

    private Secrets(Map<String, String> env) {
        this.env = env;
    }

    /** Secrets from this process's environment. */
    public static Secrets fromEnvironment() {
        return new Secrets(System.getenv());
    }

    /** Secrets from the given variables (tests, or a launcher passing its own). */
    public static Secrets from(Map<String, String> env) {
        return new Secrets(Map.copyOf(env));
    }

    /**
     * The secret named {@code name}, or empty when neither {@code name} nor {@code name_FILE} is
     * set.
     *
     * @throws IllegalArgumentException when both are set, the file cannot be read, or the value is
     *     blank; the message names the variable, never the value
     */
    public Optional<String> optional(String name) {
        String direct = env.get(name);
        String file = env.get(name + FILE_SUFFIX);
        if (direct != null && file != null) {
            throw new IllegalArgumentException(
                    "set " + name + " or " + name + FILE_SUFFIX + ", not both");
        }
        String value = direct;
        if (file != null) {
            value = readFile(name, Path.of(file));
        }
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is empty");
        }
        return Optional.of(value);
    }

    /**
     * The secret named {@code name}.
     *
     * @throws IllegalArgumentException when it is missing, with a message saying how to set it
     */
    public String required(String name) {
        return optional(name)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "set "
                                                + name
                                                + " or "
                                                + name
                                                + FILE_SUFFIX
                                                + " (a file holding it)"));
    }

    /** Reads a secret file, dropping one trailing line break. */
    public static String readFile(String name, Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.endsWith("\r\n")
                    ? text.substring(0, text.length() - 2)
                    : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read " + name + FILE_SUFFIX + " (" + file + ")", e);
        }
    }
}
