package io.ringstream.analytics.kpi;

import static io.ringstream.analytics.sla.SlaFixtures.T0;
import static io.ringstream.analytics.sla.SlaFixtures.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ringstream.events.AgentEventType;
import org.junit.jupiter.api.Test;

/** An agent's presence per queue: membership from log-ins and log-outs, state from the rest. */
class AgentKpiTrackerTest {
    private final AgentKpiTracker tracker = new AgentKpiTracker();
    private final AgentKpiState state = new AgentKpiState();

    @Test
    void logInCountsAsReadyAndQueueEventsApplyToTheirQueue() {
        assertThat(tracker.apply(state, agent("a1", AgentEventType.LOGGED_IN, "sales", T0)))
                .extracting(KpiFact::queue, KpiFact::presence)
                .containsExactly(tuple("sales", AgentPresence.READY));
        assertThat(tracker.apply(state, agent("a1", AgentEventType.BUSY, "sales", T0 + 1)))
                .extracting(KpiFact::queue, KpiFact::presence)
                .containsExactly(tuple("sales", AgentPresence.BUSY));
        assertThat(tracker.apply(state, agent("a1", AgentEventType.BUSY, "sales", T0 + 2)))
                .as("no change, no fact")
                .isEmpty();
        assertThat(tracker.apply(state, agent("a1", AgentEventType.READY, "support", T0 + 3)))
                .as("not a member of support")
                .isEmpty();
    }

    @Test
    void eventsWithoutAQueueApplyToEveryQueueTheAgentIsIn() {
        tracker.apply(state, agent("a1", AgentEventType.LOGGED_IN, "sales", T0));
        tracker.apply(state, agent("a1", AgentEventType.LOGGED_IN, "support", T0 + 1));

        assertThat(tracker.apply(state, agent("a1", AgentEventType.NOT_READY, null, T0 + 2)))
                .extracting(KpiFact::queue, KpiFact::presence)
                .containsExactlyInAnyOrder(
                        tuple("sales", AgentPresence.NOT_READY),
                        tuple("support", AgentPresence.NOT_READY));
        assertThat(tracker.apply(state, agent("a1", AgentEventType.LOGGED_OUT, "support", T0 + 3)))
                .extracting(KpiFact::queue, KpiFact::presence)
                .containsExactly(tuple("support", AgentPresence.OUT));
        assertThat(tracker.apply(state, agent("a1", AgentEventType.BUSY, null, T0 + 4)))
                .extracting(KpiFact::queue, KpiFact::presence)
                .containsExactly(tuple("sales", AgentPresence.BUSY));
        assertThat(tracker.apply(state, agent("a1", AgentEventType.LOGGED_OUT, null, T0 + 5)))
                .extracting(KpiFact::queue, KpiFact::presence)
                .containsExactly(tuple("sales", AgentPresence.OUT));
        assertThat(state.memberOfAny()).isFalse();
    }

    @Test
    void skillChangesAreNotStates() {
        tracker.apply(state, agent("a1", AgentEventType.LOGGED_IN, "sales", T0));

        assertThat(tracker.apply(state, agent("a1", AgentEventType.SKILLS_CHANGED, null, T0 + 1)))
                .isEmpty();
    }
}
