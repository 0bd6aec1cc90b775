package io.ringstream.routing.supervisor;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.ringstream.events.RoutingStatus;
import java.util.List;

/**
 * The response of {@code GET /v1/supervisor/live}: the routing job's latest snapshot of a tenant,
 * queues with their waiting contacts and agents with their states.
 *
 * @param asOf when the job took the snapshot, epoch milliseconds; null before the first one
 */
@Serdeable
public record LiveView(
        String tenant,
        @Nullable Long asOf,
        List<RoutingStatus.QueueState> queues,
        List<RoutingStatus.AgentState> agents) {

    static LiveView of(String tenant, RoutingStatus status) {
        if (status == null) {
            return new LiveView(tenant, null, List.of(), List.of());
        }
        return new LiveView(tenant, status.eventTime(), status.queues(), status.agents());
    }
}
