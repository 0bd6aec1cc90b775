package io.ringstream.routing.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Caches each queue's policy (including fallback policies built for unconfigured queues) and the
 * queues eligible at each of its steps.
 */
final class Policies {
    private final RoutingConfig config;
    private final Map<String, QueuePolicy> cache = new HashMap<>();

    Policies(RoutingConfig config) {
        this.config = config;
    }

    private final Map<String, List<Set<String>>> eligibleQueues = new HashMap<>();

    QueuePolicy of(String queue) {
        return cache.computeIfAbsent(queue, config::policy);
    }

    /** {@link Matcher#eligibleQueues}, computed once per queue and step. */
    Set<String> eligibleQueues(String queue, int step) {
        List<Set<String>> byStep =
                eligibleQueues.computeIfAbsent(
                        queue,
                        q -> {
                            QueuePolicy p = of(q);
                            List<Set<String>> list = new ArrayList<>();
                            for (int i = 0; i <= p.steps().size(); i++) {
                                list.add(Set.copyOf(Matcher.eligibleQueues(p, q, i)));
                            }
                            return list;
                        });
        return byStep.get(Math.min(step, byStep.size() - 1));
    }
}
