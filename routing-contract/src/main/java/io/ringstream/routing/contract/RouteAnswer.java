package io.ringstream.routing.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.annotation.Nullable;

/**
 * routing-service's answer to a {@link RouteRequest}: what the PBX does next. One type for
 * routing-service, which writes it, and the telephony bridge, which turns it into dialplan
 * variables, so the two cannot drift apart. Every field is always written, null when it does not
 * apply.
 */
@JsonClassDescription(
        "What the PBX does next: CONNECT the contact to `target`, or WAIT (play music) for about"
                + " `retryAfterSeconds` and ask again.")
public record RouteAnswer(
        Action action,
        String tenant,
        String contactId,
        String queue,
        @Nullable @JsonPropertyDescription("the agent's endpoint (dial string), on CONNECT")
                String target,
        @Nullable String agentId,
        @Nullable String offerId,
        @Nullable Integer step,
        @Nullable
                @JsonPropertyDescription("1 = next in the queue, on WAIT; null when not known yet")
                Integer position,
        @Nullable @JsonPropertyDescription("on WAIT; null when the job has no estimate yet")
                Long estimatedWaitSeconds,
        @Nullable Integer retryAfterSeconds,
        @Nullable
                @JsonPropertyDescription(
                        "the CRM customer routing identified for this contact (from the request's"
                                + " `customerId` or its `callerNumber`); null when not known. The"
                                + " bridge stamps it on the contact's later events")
                String customerId) {

    /** The two things a PBX can do with a contact. */
    @JsonClassDescription("The two things a PBX can do with a contact.")
    public enum Action {
        CONNECT,
        WAIT
    }

    /**
     * Dial {@code target}, the agent the routing job offered the contact to.
     *
     * @param customerId the contact's customer, null when not known
     */
    public static RouteAnswer connect(
            String tenant,
            String contactId,
            String queue,
            String target,
            String agentId,
            String offerId,
            int step,
            String customerId) {
        return new RouteAnswer(
                Action.CONNECT,
                tenant,
                contactId,
                queue,
                target,
                agentId,
                offerId,
                step,
                null,
                null,
                null,
                customerId);
    }

    /**
     * Keep the caller waiting and ask again after {@code retryAfterSeconds}.
     *
     * @param position 1 = next in the queue; null when not known yet
     * @param estimatedWaitSeconds null when there is no estimate yet
     * @param customerId the contact's customer, null when not known
     */
    public static RouteAnswer waiting(
            String tenant,
            String contactId,
            String queue,
            Integer position,
            Long estimatedWaitSeconds,
            int retryAfterSeconds,
            String customerId) {
        return new RouteAnswer(
                Action.WAIT,
                tenant,
                contactId,
                queue,
                null,
                null,
                null,
                null,
                position,
                estimatedWaitSeconds,
                retryAfterSeconds,
                customerId);
    }
}
