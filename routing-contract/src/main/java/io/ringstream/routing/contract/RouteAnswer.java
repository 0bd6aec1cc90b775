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
        @Nullable Integer retryAfterSeconds) {

    /** The two things a PBX can do with a contact. */
    @JsonClassDescription("The two things a PBX can do with a contact.")
    public enum Action {
        CONNECT,
        WAIT
    }

    /** Dial {@code target}, the agent the routing job offered the contact to. */
    public static RouteAnswer connect(
            String tenant,
            String contactId,
            String queue,
            String target,
            String agentId,
            String offerId,
            int step) {
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
                null);
    }

    /**
     * Keep the caller waiting and ask again after {@code retryAfterSeconds}.
     *
     * @param position 1 = next in the queue; null when not known yet
     * @param estimatedWaitSeconds null when there is no estimate yet
     */
    public static RouteAnswer waiting(
            String tenant,
            String contactId,
            String queue,
            Integer position,
            Long estimatedWaitSeconds,
            int retryAfterSeconds) {
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
                retryAfterSeconds);
    }
}
