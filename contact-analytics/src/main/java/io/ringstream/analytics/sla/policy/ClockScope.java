package io.ringstream.analytics.sla.policy;

import io.ringstream.events.Channel;
import io.ringstream.events.SlaKind;
import java.util.Objects;

/**
 * What a clock is about when its policy is chosen: the tenant and kind always, the queue, channel
 * and priority when known (agent clocks have no channel or priority).
 */
public record ClockScope(
        String tenant, SlaKind kind, String queue, Channel channel, Integer priority) {

    public ClockScope {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(kind, "kind");
    }
}
