package io.ringstream.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's counters of limits hit ({@code ringstream.gateway.limit}, tagged {@code limit=}:
 * bad-frame, too-long, frame-too-large, unauthorized, origin, unknown-session, idle, rate-limited,
 * too-many-sessions, slow-consumer, body-too-large), so an operator sees which bound bites.
 */
public final class GatewayMetrics {
    public static final String LIMIT = "ringstream.gateway.limit";

    private final MeterRegistry registry;
    private final Map<String, Counter> limits = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Counts one hit of the named limit. */
    public void limit(String name) {
        limits.computeIfAbsent(
                        name,
                        n ->
                                Counter.builder(LIMIT)
                                        .tag("limit", n)
                                        .description("requests or frames refused by a limit")
                                        .register(registry))
                .increment();
    }

    /** How often the named limit was hit so far. */
    public double count(String name) {
        Counter c = limits.get(name);
        return c == null ? 0 : c.count();
    }
}
