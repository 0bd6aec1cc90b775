package io.ringstream.flink.stats;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The service-level threshold T of each queue ("answered within T seconds"), since queues promise
 * different answer times (sales 20 s, support 30 s).
 *
 * @param defaultSeconds threshold for queues not listed
 * @param perQueue queue name to threshold in seconds
 */
public record ServiceLevelThresholds(int defaultSeconds, Map<String, Integer> perQueue)
        implements Serializable {

    /** The industry's usual 80/20 target uses 20 s. */
    public static final int DEFAULT_SECONDS = 20;

    public ServiceLevelThresholds {
        requireNonNegative("default", defaultSeconds);
        perQueue = Map.copyOf(perQueue);
        perQueue.forEach(ServiceLevelThresholds::requireNonNegative);
    }

    public static ServiceLevelThresholds uniform(int seconds) {
        return new ServiceLevelThresholds(seconds, Map.of());
    }

    /**
     * Parses {@code "sales=20,support=30"}; a bare number ({@code "25"}) sets the default. Blank
     * means all defaults.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static ServiceLevelThresholds parse(String spec) {
        int defaultSeconds = DEFAULT_SECONDS;
        Map<String, Integer> perQueue = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return uniform(defaultSeconds);
        }
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq < 0) {
                defaultSeconds = seconds(trimmed, trimmed);
            } else {
                String queue = trimmed.substring(0, eq).trim();
                if (queue.isEmpty()) {
                    throw new IllegalArgumentException(
                            "threshold entry '" + trimmed + "' has no queue name");
                }
                perQueue.put(queue, seconds(trimmed.substring(eq + 1).trim(), trimmed));
            }
        }
        return new ServiceLevelThresholds(defaultSeconds, perQueue);
    }

    public int secondsFor(String queue) {
        return perQueue.getOrDefault(queue, defaultSeconds);
    }

    public long millisFor(String queue) {
        return secondsFor(queue) * 1000L;
    }

    private static int seconds(String text, String entry) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "threshold entry '" + entry + "' is not queue=seconds", e);
        }
    }

    private static void requireNonNegative(String queue, Integer seconds) {
        if (seconds == null || seconds < 0) {
            throw new IllegalArgumentException(
                    "threshold of " + queue + " must be >= 0 seconds but was " + seconds);
        }
    }
}
