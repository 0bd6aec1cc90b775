package io.ringstream.routing.wallboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.RoutingStatus;
import io.ringstream.events.RoutingStatus.AgentState;
import io.ringstream.events.RoutingStatus.QueueState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A routing status becomes the wallboard's live counts by agent state, per queue. */
class LiveFiguresTest {
    @Test
    void countsAgentsByStateInEachOfTheirQueues() {
        RoutingStatus status =
                new RoutingStatus(
                        1,
                        "e",
                        "t",
                        1_000,
                        "test",
                        1,
                        List.of(new QueueState("sales", 2, 70_000, 30_000, 1, 4, List.of())),
                        List.of(
                                agent("a", "AVAILABLE", "sales"),
                                agent("b", "BUSY", "sales", "support"),
                                agent("c", "RESERVED", "sales"),
                                agent("d", "WRAP_UP", "support"),
                                agent("e", "NOT_READY", "sales")),
                        Map.of());

        LiveFigures live = LiveFigures.of(status);

        assertThat(live.asOf()).isEqualTo(1_000);
        assertThat(live.queues())
                .containsExactly(
                        new LiveFigures.QueueNow("sales", 2, 70_000L, 30_000L, 1, 2, 0, 1, 4),
                        new LiveFigures.QueueNow("support", 0, null, null, 0, 1, 1, 0, 2));
        assertThat(live.agents())
                .extracting(LiveFigures.AgentNow::agentId)
                .containsExactly("a", "b", "c", "d", "e");
        assertThat(LiveFigures.of(null)).isEqualTo(LiveFigures.EMPTY);
    }

    private static AgentState agent(String id, String state, String... queues) {
        return new AgentState(id, state, null, "SIP/" + id, 500, List.of(queues), List.of());
    }
}
