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
        queues.forEach(q -> byQueue.put(q.queue(), q.thresholds()));
        return new WallboardThresholds(defaults.thresholds(), byQueue);
    }

    public Map<String, QueueThresholds> map() {
        return map;
    }

    public QueueThresholds of(String queue) {
        return map.getOrDefault(queue, map.get(DEFAULTS_KEY));
    }
}
