package io.ringstream.flink.routing;

import io.ringstream.flink.kit.runtime.JobVariables;
import io.ringstream.routing.core.RoutingConfig;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the routing job behaves, apart from where it reads and writes.
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
 * @param startFromMillis without a checkpoint, commands, contact events and alerts are read from
 *     this time on (routing is live: older inputs are stale); business events always from the
 *     beginning, to learn CRM facts. Taken when the settings are created.
 */
public record RoutingSettings(
        RoutingConfig routing,
        Duration statusInterval,
        Duration statusHeartbeat,
        int statusContactsLimit,
        int slaWarningBoost,
        int slaBreachBoost,
        int customersLimit,
        long startFromMillis)
        implements Serializable {

    /** A JSON file of queue policies (see {@link RoutingPolicies}). */
    public static final String ENV_POLICIES = "RINGSTREAM_ROUTING_POLICIES";

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

    /**
     * 250 ms snapshots, 10 s heartbeat, 100 listed contacts, +1 / +2 on SLA alerts, live inputs
     * from now on.
     */
    public static RoutingSettings defaults(RoutingConfig routing) {
        return new RoutingSettings(
                routing,
                Duration.ofMillis(250),
                Duration.ofSeconds(10),
                100,
                1,
                2,
                100_000,
                System.currentTimeMillis());
    }

    /**
     * Reads {@code RINGSTREAM_ROUTING_POLICIES} (a JSON file); without it every queue routes on the
     * contact's own skills, best fit, with 20 s offers ({@link RoutingConfig#of()}).
     */
    public static RoutingSettings from(JobVariables variables) {
        return defaults(
                variables
                        .parsed(ENV_POLICIES, file -> RoutingPolicies.fromFile(Path.of(file)))
                        .orElseGet(RoutingConfig::of));
    }

    public RoutingSettings withRouting(RoutingConfig newRouting) {
        return new RoutingSettings(
                newRouting,
                statusInterval,
                statusHeartbeat,
                statusContactsLimit,
                slaWarningBoost,
                slaBreachBoost,
                customersLimit,
                startFromMillis);
    }

    public RoutingSettings withStatus(Duration interval, Duration heartbeat) {
        return new RoutingSettings(
                routing,
                interval,
                heartbeat,
                statusContactsLimit,
                slaWarningBoost,
                slaBreachBoost,
                customersLimit,
                startFromMillis);
    }

    public RoutingSettings withStartFrom(long millis) {
        return new RoutingSettings(
                routing,
                statusInterval,
                statusHeartbeat,
                statusContactsLimit,
                slaWarningBoost,
                slaBreachBoost,
                customersLimit,
                millis);
    }
}
