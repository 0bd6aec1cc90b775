package io.ringstream.routing.core;

import java.util.List;
import java.util.Map;

/** One queue as the supervisor endpoint shows it, live from routing state. */
public record QueueView(
        String queue,
        Strategy strategy,
        int waiting,
        int offered,
        long oldestWaitMillis,
        Map<AgentState, Integer> agentsByState,
        long estimatedWaitMillis,
        List<Waiting> contacts) {

    /** One unanswered contact of the queue, in routing order. */
    public record Waiting(
            String contactId, int priority, long waitedMillis, int stepIndex, boolean offered) {}
}
