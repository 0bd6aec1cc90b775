package io.ringstream.routing.core;

import static io.ringstream.routing.core.Scenario.onlyOffer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Positions, estimated waits and the supervisor's live views. */
class QueriesTest {
    private static final RoutingConfig CONFIG =
            RoutingConfig.of(QueuePolicy.simple("q"))
                    .withDefaultHandleTime(Duration.ofSeconds(300));

    /** Three agents busy, three calls waiting. */
    private static Scenario busyQueue() {
        Scenario s = new Scenario(CONFIG);
        for (String a : new String[] {"a", "b", "c"}) {
            s.agent(a, "q", "", "");
            s.answered("busy-" + a, "q", "", null);
        }
        for (int i = 1; i <= 3; i++) {
            s.call("w" + i, "q", "", null);
            s.after(10);
        }
        return s;
    }

    @Test
    void positionIsTheRankInRoutingOrderAndTheWaitScalesWithIt() {
        Scenario s = busyQueue();
        QueuePosition first = s.engine.position("w1", s.now).orElseThrow();
        QueuePosition third = s.engine.position("w3", s.now).orElseThrow();
        assertThat(first.position()).isEqualTo(1);
        assertThat(first.inQueue()).isEqualTo(3);
        assertThat(third.position()).isEqualTo(3);
        // 3 agents, 300 s default handle time: one frees up every 100 s
        assertThat(first.estimatedWaitMillis()).isEqualTo(100_000);
        assertThat(third.estimatedWaitMillis()).isEqualTo(300_000);
    }

    @Test
    void theEstimateLearnsFromObservedHandleTimes() {
        Scenario s = busyQueue(); // busy calls accepted at T0, now T0 + 30 s
        s.accept(onlyOffer(s.end("busy-a"))); // a 30 s contact pulls the smoothed AHT down
        QueuePosition next = s.engine.position("w2", s.now).orElseThrow();
        assertThat(next.position()).isEqualTo(1);
        // 300 + (30 - 300) * 0.1 = 273 s; 3 agents
        assertThat(next.estimatedWaitMillis()).isEqualTo(91_000);
    }

    @Test
    void noStaffMeansUnknownWaitAndAFreeAgentMeansNoWait() {
        Scenario s = new Scenario(CONFIG);
        s.call("c1", "q", "", null);
        assertThat(s.engine.position("c1", s.now).orElseThrow().estimatedWaitMillis())
                .isEqualTo(-1);
        s.engine.contactAbandoned("c1", s.now);
        s.agent("a", "q", "", "");
        s.engine.agentNotReady("a", "break", s.now);
        s.agent("b", "q", "", "");
        assertThat(s.engine.queue("q", s.now).estimatedWaitMillis()).isZero();
    }

    @Test
    void assignedContactsReportTheirAgent() {
        Scenario s = new Scenario(CONFIG);
        s.agent("a", "q", "", "");
        s.answered("c1", "q", "", null);
        QueuePosition p = s.engine.position("c1", s.now).orElseThrow();
        assertThat(p.status()).isEqualTo(ContactStatus.ASSIGNED);
        assertThat(p.agentId()).isEqualTo("a");
        assertThat(s.engine.position("unknown", s.now)).isEmpty();
    }

    @Test
    void queueViewCountsWaitingOfferedAndAgentsByState() {
        Scenario s = busyQueue();
        s.agent("d", "q", "", "");
        s.engine.agentLogin(Scenario.profile("e", "q", "", "", java.util.Map.of(), 1), s.now);
        QueueView view = s.engine.queue("q", s.now);
        assertThat(view.waiting()).isEqualTo(2);
        assertThat(view.offered()).isEqualTo(1);
        assertThat(view.oldestWaitMillis()).isEqualTo(30_000);
        assertThat(view.agentsByState())
                .containsEntry(AgentState.BUSY, 3)
                .containsEntry(AgentState.RESERVED, 1)
                .containsEntry(AgentState.NOT_READY, 1);
        assertThat(view.contacts())
                .extracting(QueueView.Waiting::contactId)
                .containsExactly("w1", "w2", "w3");
        assertThat(view.contacts().get(0).offered()).isTrue();
    }
}
