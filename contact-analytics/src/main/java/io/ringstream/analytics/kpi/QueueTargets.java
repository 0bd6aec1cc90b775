package io.ringstream.analytics.kpi;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Each queue's service-level target ("80/20": 80% within 20 s), since queues promise different
 * things. The threshold counts contacts as answered in time; the share is what Erlang C staffs for.
 *
 * @param defaultTarget the target of queues not listed
 * @param perQueue queue name to target
 */
public record QueueTargets(Target defaultTarget, Map<String, Target> perQueue)
        implements Serializable {

    /** The industry's usual target. */
    public static final Target DEFAULT = new Target(0.80, 20);

    public QueueTargets {
        perQueue = Map.copyOf(perQueue);
    }

    /**
     * One queue's promise.
     *
     * @param share fraction of contacts to answer within the threshold, in (0, 1)
     * @param thresholdSeconds the T of "answered within T"
     */
    public record Target(double share, int thresholdSeconds) implements Serializable {
        public Target {
            if (!(share > 0 && share < 1)) {
                throw new IllegalArgumentException(
                        "target share must be in (0, 1) but was " + share);
            }
            if (thresholdSeconds < 1) {
                throw new IllegalArgumentException(
                        "threshold must be >= 1 s but was " + thresholdSeconds);
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.0f/%d", share * 100, thresholdSeconds);
        }
    }

    public static QueueTargets uniform(Target target) {
        return new QueueTargets(target, Map.of());
    }

    /**
     * Parses {@code "sales=80/20,support=90/30"}; an entry without a queue ({@code "85/15"}) sets
     * the default; a bare number is a threshold with an 80% share ({@code "sales=30"}). Blank means
     * 80/20 everywhere.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static QueueTargets parse(String spec) {
        Target defaultTarget = DEFAULT;
        Map<String, Target> perQueue = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return uniform(defaultTarget);
        }
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq < 0) {
                defaultTarget = target(trimmed, trimmed);
            } else {
                String queue = trimmed.substring(0, eq).trim();
                if (queue.isEmpty()) {
                    throw new IllegalArgumentException("target '" + trimmed + "' has no queue");
                }
                perQueue.put(queue, target(trimmed.substring(eq + 1).trim(), trimmed));
            }
        }
        return new QueueTargets(defaultTarget, perQueue);
    }

    public Target of(String queue) {
        return perQueue.getOrDefault(queue, defaultTarget);
    }

    public int thresholdSeconds(String queue) {
        return of(queue).thresholdSeconds();
    }

    /** Parses "80/20" (percent / seconds) or "20" (seconds, 80%). */
    public static Target target(String text, String entry) {
        try {
            int slash = text.indexOf('/');
            if (slash < 0) {
                return new Target(DEFAULT.share(), Integer.parseInt(text.trim()));
            }
            double percent = Double.parseDouble(text.substring(0, slash).trim());
            int seconds = Integer.parseInt(text.substring(slash + 1).trim().replace("s", ""));
            return new Target(percent / 100.0, seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "target '" + entry + "' is not queue=percent/seconds (e.g. sales=80/20)", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("target '" + entry + "': " + e.getMessage(), e);
        }
    }
}
