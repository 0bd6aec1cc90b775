package io.ringstream.routing.wallboard;

import io.ringstream.analytics.wallboard.QueueThresholds;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configured thresholds, validated once at start: each configured queue's (its own fields over
 * the defaults) and the defaults under {@code "*"}, the map the wallboard's {@code thresholds}
 * carries. A queue not in the map uses {@code "*"}.
 */
public final class WallboardThresholds {
    public static final String DEFAULTS_KEY = "*";

    private final Map<String, QueueThresholds> map;

    public WallboardThresholds(QueueThresholds defaults, Map<String, QueueThresholds> queues) {
        Map<String, QueueThresholds> all = new TreeMap<>();
        queues.forEach((q, t) -> all.put(q, t.over(defaults).validated("queue " + q)));
        all.put(DEFAULTS_KEY, defaults.validated("the defaults"));
        this.map = Collections.unmodifiableMap(all);
    }

    static WallboardThresholds of(
            DefaultThresholdSettings defaults, List<QueueThresholdSettings> queues) {
        Map<String, QueueThresholds> byQueue = new TreeMap<>();
        for (QueueThresholdSettings q : queues) {
            if (q.thresholds().equals(QueueThresholds.NONE)) {
                // What an environment variable naming a queue with a dash binds to (its first
                // word, nothing set): refuse it rather than silently ignore the threshold.
                throw new IllegalArgumentException(
                        "ringstream.wallboard.queues: queue "
                                + q.queue()
                                + " sets no threshold. An environment variable names the queue by"
                                + " its first word only (RINGSTREAM_WALLBOARD_QUEUES_FRONT_DESK_..."
                                + " is queue front): set thresholds of a queue whose name has a"
                                + " dash, dot or underscore in a configuration file; see"
                                + " docs/wallboard.md");
            }
            byQueue.put(q.queue(), q.thresholds());
        }
        return new WallboardThresholds(defaults.thresholds(), byQueue);
    }

    public Map<String, QueueThresholds> map() {
        return map;
    }

    public QueueThresholds of(String queue) {
        return map.getOrDefault(queue, map.get(DEFAULTS_KEY));
    }
}
