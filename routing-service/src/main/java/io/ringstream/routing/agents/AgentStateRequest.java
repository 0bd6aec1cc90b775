package io.ringstream.routing.agents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An agent changing state.
 *
 * @param state READY, NOT_READY (needs a reason) or LOGGED_OUT
 * @param reason why the agent is not ready (break, training, ...)
 */
@Serdeable
public record AgentStateRequest(@Nullable String tenant, State state, @Nullable String reason) {

    /** The states an agent may choose; the others (reserved, busy, wrap-up) follow from work. */
    public enum State {
        READY,
        NOT_READY,
        LOGGED_OUT
    }
}
