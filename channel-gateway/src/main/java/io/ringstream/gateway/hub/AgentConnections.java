package io.ringstream.gateway.hub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringstream.security.Caller;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where frames for a conversation's agent go: each agent's open desktop connections (an agent may
 * have several tabs), and the fan-out of a frame to the conversation's visitor and agent.
 *
 * <p>State lifetime: a connection is held from its {@code hello} being accepted until it closes.
 * The map and its sets are concurrent; sending takes no lock of its own, callers hold the
 * conversation's lock so frames of one conversation go out in order.
 */
final class AgentConnections {
    private final Map<String, Set<Peer>> agents = new ConcurrentHashMap<>();

    void add(Caller agent, Peer peer) {
        agents.computeIfAbsent(
                        key(agent.tenant(), agent.subject()), k -> ConcurrentHashMap.newKeySet())
                .add(peer);
    }

    void remove(Caller agent, Peer peer) {
        agents.computeIfPresent(
                key(agent.tenant(), agent.subject()),
                (k, peers) -> {
                    peers.remove(peer);
                    return peers.isEmpty() ? null : peers;
                });
    }

    /** To the assigned agent's connections, if any. Caller holds {@code c}'s lock. */
    void toAgent(Conversation c, ObjectNode frame) {
        if (c.agentId == null) {
            return;
        }
        Set<Peer> peers = agents.get(key(c.tenant, c.agentId));
        if (peers != null) {
            peers.forEach(p -> p.send(frame));
        }
    }

    /** To the visitor and the assigned agent's connections. Caller holds {@code c}'s lock. */
    void broadcast(Conversation c, ObjectNode frame) {
        if (c.visitor != null) {
            c.visitor.send(frame);
        }
        toAgent(c, frame);
    }

    private static String key(String tenant, String agentId) {
        return tenant + "\u001f" + agentId;
    }
}
