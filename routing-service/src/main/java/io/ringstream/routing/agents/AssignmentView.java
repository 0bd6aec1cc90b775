package io.ringstream.routing.agents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.ringstream.events.Assignment;
import io.ringstream.events.Channel;
import io.ringstream.routing.crm.CrmSummary;

/**
 * One event of an agent's assignment stream: an offer to answer (OFFERED, with the customer's CRM
 * summary when known) or how an offer ended.
 *
 * @param expiresAt when an unanswered offer times out, epoch milliseconds
 */
@Serdeable
public record AssignmentView(
        String type,
        String offerId,
        String contactId,
        String agentId,
        String queue,
        @Nullable Channel channel,
        int step,
        @Nullable Long expiresAt,
        @Nullable String reason,
        @Nullable CrmSummary customer) {

    static AssignmentView of(Assignment a, CrmSummary customer) {
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
