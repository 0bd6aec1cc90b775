package io.ringstream.routing.route;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.ringstream.events.Assignment;
import io.ringstream.routing.live.Position;

/**
 * What the PBX does next: CONNECT the contact to {@code target}, or WAIT (play music) for about
 * {@code retryAfterSeconds} and ask again.
 *
 * @param target the agent's endpoint (dial string), on CONNECT
 * @param position 1 = next in the queue, on WAIT; null when not known yet
 * @param estimatedWaitSeconds on WAIT; null when the job has no estimate yet
 */
@Serdeable
public record RouteAnswer(
        Action action,
        String tenant,
        String contactId,
        String queue,
        @Nullable String target,
        @Nullable String agentId,
        @Nullable String offerId,
        @Nullable Integer step,
        @Nullable Integer position,
        @Nullable Long estimatedWaitSeconds,
        @Nullable Integer retryAfterSeconds) {

    /** The two things a PBX can do with a contact. */
    public enum Action {
        CONNECT,
        WAIT
    }

    static RouteAnswer connect(Assignment a) {
        return new RouteAnswer(
                Action.CONNECT,
                a.tenant(),
                a.contactId(),
                a.queue(),
                a.endpoint(),
                a.agentId(),
                a.offerId(),
                a.step(),
                null,
                null,
                null);
    }

    static RouteAnswer waiting(String tenant, String contactId, Position p, int retryAfterSeconds) {
        Long seconds =
                p.estimatedWaitMillis() == null ? null : (p.estimatedWaitMillis() + 999) / 1000;
        return new RouteAnswer(
                Action.WAIT,
                tenant,
                contactId,
                p.queue(),
                null,
                null,
                null,
                null,
                p.position(),
                seconds,
                retryAfterSeconds);
    }
}
