package io.ringstream.flink.routing;

import io.ringstream.routing.core.RoutingConfig;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How the routing operator behaves, apart from where it reads and writes.
 *
 * @param routing the queues' policies (steps, strategy, offer timeout, wrap-up, misses), the same
 *     for every tenant
 * @param statusInterval a changed tenant's status snapshot is published at most this often
 * @param statusHeartbeat and at least this often while the tenant has agents or contacts, so a
 *     consumer that starts late catches up within it
 * @param statusContactsLimit waiting contacts listed per queue in a snapshot (all are counted)
 * @param slaWarningBoost priority added to a contact on an SLA_WARNING alert
 * @param slaBreachBoost priority added on an SLA_BREACH alert
 * @param customersLimit CRM customers (tier, preferred agent) remembered per tenant
 */
public record RoutingSettings(
        RoutingConfig routing,
        Duration statusInterval,
        Duration statusHeartbeat,
        int statusContactsLimit,
        int slaWarningBoost,
        int slaBreachBoost,
        int customersLimit)
        implements Serializable {

    public RoutingSettings {
        Objects.requireNonNull(routing, "routing");
        if (statusInterval == null || statusInterval.isNegative() || statusInterval.isZero()) {
            throw new IllegalArgumentException("statusInterval must be > 0");
        }
        if (statusHeartbeat == null || statusHeartbeat.compareTo(statusInterval) < 0) {
            throw new IllegalArgumentException("statusHeartbeat must be >= statusInterval");
        }
        if (statusContactsLimit < 0 || customersLimit < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** 250 ms snapshots, 10 s heartbeat, 100 listed contacts, +1 / +2 on SLA alerts. */
    public static RoutingSettings defaults(RoutingConfig routing) {
        return new RoutingSettings(
                routing, Duration.ofMillis(250), Duration.ofSeconds(10), 100, 1, 2, 100_000);
    }

    public RoutingSettings withRouting(RoutingConfig newRouting) {
        return new RoutingSettings(
                newRouting,
                statusInterval,
                statusHeartbeat,
                statusContactsLimit,
                slaWarningBoost,
                slaBreachBoost,
                customersLimit);
    }

    public RoutingSettings withStatus(Duration interval, Duration heartbeat) {
        return new RoutingSettings(
                routing,
                interval,
                heartbeat,
                statusContactsLimit,
                slaWarningBoost,
                slaBreachBoost,
                customersLimit);
    }
}
