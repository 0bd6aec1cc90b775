package io.ringstream.channels.conversation;

import io.ringstream.events.Speaker;
import java.util.Objects;

/**
 * Who wrote a conversation message: the role (visitor, agent or bot, as in the interactions events)
 * and an id within that role, because a client message id is unique only per sender, so
 * deduplication and typing limits are keyed by both.
 */
public record Sender(Speaker role, String id) {
    public Sender {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a sender needs an id");
        }
    }

    public static Sender visitor(String sessionId) {
        return new Sender(Speaker.CUSTOMER, sessionId);
    }

    public static Sender agent(String agentId) {
        return new Sender(Speaker.AGENT, agentId);
    }
}
