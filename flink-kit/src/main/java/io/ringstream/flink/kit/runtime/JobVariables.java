package io.ringstream.flink.kit.runtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The {@code RINGSTREAM_*} variables a job is configured with: the environment, overridden by
 * program arguments. On a cluster the arguments travel with {@code flink run}, while the client's
 * environment is whatever the machine running it has; in a container the environment is the usual
 * way.
 *
 * <p>Every variable has a flag derived from its name: {@code RINGSTREAM_KAFKA_BOOTSTRAP} is {@code
 * --kafka-bootstrap} (also {@code --kafka-bootstrap=value}). Values are read through typed getters
 * whose errors name the variable and its flag. A job reads what it knows and then calls {@link
 * #rejectUnknownFlags}, so a misspelt flag fails instead of being ignored.
 */
public final class JobVariables {
    private static final String PREFIX = "RINGSTREAM_";

    private final Map<String, String> values;
    private final Set<String> fromArgs;
    private final Set<String> read = new TreeSet<>();

    private JobVariables(Map<String, String> values, Set<String> fromArgs) {
        this.values = values;
        this.fromArgs = fromArgs;
    }

    /** The environment alone, as a container or the launcher passes it. */
    public static JobVariables of(Map<String, String> env) {
        return new JobVariables(new HashMap<>(env), Set.of());
    }

    /**
     * Program arguments over the environment.
     *
     * @throws IllegalArgumentException for an argument that is not a flag, a flag without a value,
     *     or a flag given twice
     */
    public static JobVariables of(String[] args, Map<String, String> env) {
        Map<String, String> values = new HashMap<>(env);
        Set<String> fromArgs = new TreeSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("expected --name value but got '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                value = "";
            }
            if (value.isBlank()) {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            String variable = variableOf(name);
            if (!fromArgs.add(variable)) {
                throw new IllegalArgumentException("--" + name + " is given twice");
            }
            values.put(variable, value);
        }
        return new JobVariables(values, fromArgs);
    }

    /** The trimmed value, or empty when the variable is absent or blank. */
    public Optional<String> text(String variable) {
        read.add(variable);
        String value = values.get(variable);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /**
     * @throws IllegalArgumentException naming the variable when it is absent or blank
     */
    public String required(String variable) {
        return text(variable)
                .orElseThrow(
                        () -> new IllegalArgumentException(describe(variable) + " is required"));
    }

    /**
     * The value parsed by {@code parser}; its IllegalArgumentException (NumberFormatException
     * included) is reported with the variable's name.
     */
    public <T> Optional<T> parsed(String variable, Function<String, T> parser) {
        return text(variable)
                .map(
                        value -> {
                            try {
                                return parser.apply(value);
                            } catch (IllegalArgumentException e) {
                                throw new IllegalArgumentException(
                                        describe(variable)
                                                + " is not valid ('"
                                                + value
                                                + "'): "
                                                + e.getMessage(),
                                        e);
                            }
                        });
    }

    public Optional<Integer> integer(String variable) {
        return parsed(variable, Integer::parseInt);
    }

    public Optional<Double> number(String variable) {
        return parsed(variable, Double::parseDouble);
    }

    /** A whole number of seconds. */
    public Optional<Duration> seconds(String variable) {
        return parsed(variable, v -> Duration.ofSeconds(Long.parseLong(v)));
    }

    /**
     * @throws IllegalArgumentException naming each argument the job never asked for, with the flags
     *     it knows
     */
    public void rejectUnknownFlags() {
        Set<String> unknown = new TreeSet<>(fromArgs);
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown flag "
                            + unknown.stream().map(JobVariables::flagOf).toList()
                            + "; flags: "
                            + read.stream().map(JobVariables::flagOf).toList());
        }
    }

    /** {@code RINGSTREAM_KAFKA_BOOTSTRAP (--kafka-bootstrap)}, for messages. */
    public static String describe(String variable) {
        return variable + " (" + flagOf(variable) + ")";
    }

    static String flagOf(String variable) {
        String name = variable.startsWith(PREFIX) ? variable.substring(PREFIX.length()) : variable;
        return "--" + name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String variableOf(String flag) {
        return PREFIX + flag.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
