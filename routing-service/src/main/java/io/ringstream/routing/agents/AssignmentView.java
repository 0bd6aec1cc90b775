package io.ringstream.routing.agents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.ringstream.events.Assignment;
import io.ringstream.events.Channel;
import io.ringstream.routing.screenpop.CustomerCard;

/**
 * One event of an agent's assignment stream: CONNECTED first (the stream is live; only {@code
 * agentId} is set), then offers to answer (OFFERED, with the customer card when the caller is known
 * or the number matched several customers) and how offers ended.
 *
 * @param expiresAt when an unanswered offer times out, epoch milliseconds
 */
@Serdeable
public record AssignmentView(
        String type,
        @Nullable String offerId,
        @Nullable String contactId,
        String agentId,
        @Nullable String queue,
        @Nullable Channel channel,
        int step,
        @Nullable Long expiresAt,
        @Nullable String reason,
        @Nullable CustomerCard customer) {

    /** The first event of every stream: from now on the agent receives every offer. */
    static AssignmentView connected(String agentId) {
        return new AssignmentView(
                "CONNECTED", null, null, agentId, null, null, 0, null, null, null);
    }

    static AssignmentView of(Assignment a, CustomerCard customer) {
        return new AssignmentView(
                a.type().name(),
                a.offerId(),
                a.contactId(),
                a.agentId(),
                a.queue(),
                a.channel(),
                a.step(),
                a.expiresAt(),
                a.reason(),
                customer);
    }
}
