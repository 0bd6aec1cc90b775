package io.ringstream.routing.core;

import java.util.HashMap;
import java.util.Map;

/** Caches each queue's policy, including fallback policies built for unconfigured queues. */
final class Policies {
    private final RoutingConfig config;
    private final Map<String, QueuePolicy> cache = new HashMap<>();

    Policies(RoutingConfig config) {
        this.config = config;
    }

    QueuePolicy of(String queue) {
        return cache.computeIfAbsent(queue, config::policy);
    }
}
