package io.ringstream.routing.core;

import io.ringstream.events.Channel;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One agent as the supervisor endpoint shows it. */
public record AgentView(
        String agentId,
        AgentState state,
        String reason,
        Set<String> queues,
        Map<Channel, Integer> load,
        List<String> activeContacts,
        List<String> pendingOffers,
        long wrapUpUntilMillis,
        long idleSinceMillis,
        int handled,
        int consecutiveMisses) {}
