package io.ringstream.routing.wallboard;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.ringstream.events.RoutingStatus;
import io.ringstream.events.RoutingStatus.AgentState;
import io.ringstream.events.RoutingStatus.QueueState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The wallboard's live figures: who waits and what agents do now, from the routing job's latest
 * {@link RoutingStatus} of the tenant. Computed once per status and shared by every open wallboard.
 *
 * @param asOf when the routing job took the snapshot, epoch ms; null before the first one
 */
@Serdeable
public record LiveFigures(@Nullable Long asOf, List<QueueNow> queues, List<AgentNow> agents) {

    /**
     * One queue now. Agents count in each queue they serve.
     *
     * @param oldestWaitMillis how long the oldest waiting contact has waited; null when nobody
     *     waits
     * @param agentsOnContact agents BUSY or RESERVED (holding an offer)
     * @param agentsLoggedIn every logged-in agent of the queue, in any state
     */
    @Serdeable
    public record QueueNow(
            String queue,
            long waiting,
            @Nullable Long oldestWaitMillis,
            @Nullable Long estimatedWaitMillis,
            long agentsAvailable,
            long agentsOnContact,
            long agentsWrapUp,
            long agentsNotReady,
            long agentsLoggedIn) {}

    /**
     * One logged-in agent now.
     *
     * @param sinceMillis when it entered {@code state}, epoch ms
     */
    @Serdeable
    public record AgentNow(
            String agentId,
            String state,
            @Nullable String reason,
            long sinceMillis,
            List<String> queues,
            List<String> contacts) {}

    /** No snapshot yet. */
    public static final LiveFigures EMPTY = new LiveFigures(null, List.of(), List.of());

    /** The figures of a snapshot; {@link #EMPTY} for none. Queues by name, agents by id. */
    public static LiveFigures of(@Nullable RoutingStatus status) {
        if (status == null) {
            return EMPTY;
        }
        Map<String, QueueState> states = new TreeMap<>();
        status.queues().forEach(q -> states.put(q.queue(), q));
        Map<String, long[]> byState = new TreeMap<>(); // available, on contact, wrap-up, not ready,
        // logged in
        for (QueueState q : status.queues()) {
            byState.put(q.queue(), new long[5]);
        }
        for (AgentState a : status.agents()) {
            int column = column(a.state());
            for (String queue : a.queues()) {
                long[] counts = byState.computeIfAbsent(queue, k -> new long[5]);
                if (column >= 0) {
                    counts[column]++;
                }
                counts[4]++;
            }
        }
        List<QueueNow> queues = new ArrayList<>();
        byState.forEach(
                (queue, counts) -> {
                    QueueState q = states.get(queue);
                    long waiting = q == null ? 0 : q.waiting();
                    queues.add(
                            new QueueNow(
                                    queue,
                                    waiting,
                                    waiting == 0 ? null : q.oldestWaitMillis(),
                                    q == null ? null : q.estimatedWaitMillis(),
                                    counts[0],
                                    counts[1],
                                    counts[2],
                                    counts[3],
                                    Math.max(counts[4], q == null ? 0 : q.agentsLoggedIn())));
                });
        List<AgentNow> agents =
                status.agents().stream()
                        .sorted(java.util.Comparator.comparing(AgentState::agentId))
                        .map(
                                a ->
                                        new AgentNow(
                                                a.agentId(),
                                                a.state(),
                                                a.reason(),
                                                a.sinceMillis(),
                                                a.queues(),
                                                a.contacts()))
                        .toList();
        return new LiveFigures(status.eventTime(), queues, agents);
    }

    /** Every agent's current contacts, for the sentiment column. */
    public List<String> currentContacts() {
        return agents.stream().flatMap(a -> a.contacts().stream()).distinct().sorted().toList();
    }

    private static int column(String state) {
        if (state == null) {
            return -1;
        }
        return switch (state) {
            case "AVAILABLE" -> 0;
            case "BUSY", "RESERVED" -> 1;
            case "WRAP_UP" -> 2;
            case "NOT_READY" -> 3;
            default -> -1;
        };
    }
}
