package io.ringstream.analytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.AgentEventType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One agent's events and contact facts become interval and day rows (docs/kpis.md). */
class AgentKpiAggregatorTest {
    static final long DAY0 =
            LocalDate.of(2026, 12, 1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    static final long MIN = 60_000;
    static final long H9 = DAY0 + 9 * 60 * MIN;

    private final AgentKpiAggregator aggregator = new AgentKpiAggregator(KpiSettings.defaults());
    private final List<AgentKpiRow> rows = new ArrayList<>();
    private AgentKpiWindowsState state;
    private int seq;

    private AgentEvent agent(AgentEventType type, String queue, long at, String reason) {
        return new AgentEvent(
                1, "e" + seq++, type, "acme", "a1", at, "test", queue, reason, Map.of(), Map.of());
    }

    private static KpiFact fact(FactType type, long at, long duration) {
        return KpiFact.contact(type, "acme", "sales", at, "c1", "a1", 0, duration);
    }

    private void feed(AgentKpiInput in) {
        if (state == null) {
            state = aggregator.start("acme", "a1", in.time());
        }
        rows.addAll(aggregator.advanceTo(state, in.time()));
        aggregator.apply(state, in);
    }

    private void feed(AgentEvent e) {
        feed(AgentKpiInput.of(e));
    }

    private void feed(KpiFact f) {
        feed(AgentKpiInput.of(f));
    }

    private AgentKpiRow closed(AgentWindowKind kind, long start) {
        return rows.stream()
                .filter(r -> r.windowKind() == kind && r.windowStart() == start && r.closed())
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no closed " + kind + " row at " + start));
    }

    /** A morning: log in, a break, one contact handled, log out. */
    private void morning() {
        feed(agent(AgentEventType.LOGGED_IN, "sales", H9 + 30_000, null));
        feed(agent(AgentEventType.LOGGED_IN, "support", H9 + 30_000, null));
        feed(agent(AgentEventType.NOT_READY, null, H9 + 5 * MIN, "lunch"));
        feed(agent(AgentEventType.READY, null, H9 + 20 * MIN, null));
        feed(agent(AgentEventType.BUSY, null, H9 + 21 * MIN, null));
        feed(fact(FactType.ANSWERED, H9 + 21 * MIN, 0));
        feed(fact(FactType.HOLD, H9 + 23 * MIN, 30_000));
        feed(fact(FactType.TALK, H9 + 25 * MIN, 240_000));
        feed(agent(AgentEventType.WRAP_UP, null, H9 + 25 * MIN, null));
        feed(fact(FactType.WRAP_UP, H9 + 26 * MIN, 60_000));
        feed(agent(AgentEventType.READY, null, H9 + 26 * MIN, null));
        feed(fact(FactType.OFFER_TIMED_OUT, H9 + 28 * MIN, 0));
        feed(agent(AgentEventType.LOGGED_OUT, null, H9 + 30 * MIN, null));
    }

    @Test
    void stateTimeAndContactsCountInTheWindowWhereTheyHappen() {
        morning();
        rows.addAll(aggregator.advanceTo(state, DAY0 + AgentKpiAggregator.DAY));

        AgentKpiRow first = closed(AgentWindowKind.INTERVAL, H9);
        assertThat(first.counters().readyMs).isEqualTo(4 * MIN + 30_000);
        assertThat(first.counters().notReadyMs).isEqualTo(10 * MIN);
        assertThat(first.counters().answered).isZero();
        assertThat(first.occupancy()).isEqualTo(0.0);
        assertThat(first.ahtMs()).isNull();
        assertThat(first.queues()).containsExactly("sales", "support");
        assertThat(first.state()).isEqualTo("NOT_READY");
        assertThat(first.reason()).isEqualTo("lunch");
        assertThat(first.stateSinceMs()).isEqualTo(H9 + 5 * MIN);

        AgentKpiRow second = closed(AgentWindowKind.INTERVAL, H9 + 15 * MIN);
        assertThat(second.counters().notReadyMs).isEqualTo(5 * MIN);
        assertThat(second.counters().readyMs).isEqualTo(MIN + 4 * MIN);
        assertThat(second.counters().busyMs).isEqualTo(4 * MIN);
        assertThat(second.counters().agentWrapUpMs).isEqualTo(MIN);
        assertThat(second.counters().answered).isEqualTo(1);
        assertThat(second.counters().handled).isEqualTo(1);
        assertThat(second.counters().offersTimedOut).isEqualTo(1);
        assertThat(second.ahtMs()).isEqualTo(330_000.0);
        assertThat(second.occupancy()).isEqualTo(5.0 / 10);
        assertThat(second.state())
                .as("taken at 09:30 before the log-out of that instant, as queue_kpis' snapshots")
                .isEqualTo("READY");
        assertThat(second.stateSinceMs()).isEqualTo(H9 + 26 * MIN);
        assertThat(second.queues())
                .as("still logged into both at 09:30")
                .containsExactly("sales", "support");
        assertThat(second.asOf()).isEqualTo(second.windowEnd());

        AgentKpiRow day = closed(AgentWindowKind.DAY, DAY0);
        assertThat(day.counters().presentMs()).isEqualTo(29 * MIN + 30_000);
        assertThat(day.counters().handled).isEqualTo(1);
        assertThat(day.queues()).containsExactly("sales", "support");
        assertThat(day.asOf()).isEqualTo(DAY0 + AgentKpiAggregator.DAY);
        assertThat(day.state()).isEqualTo(AgentKpiAggregator.LOGGED_OUT);
        assertThat(day.stateSinceMs()).isEqualTo(H9 + 30 * MIN);
        assertThat(aggregator.idle(state)).as("the day is over").isTrue();
        assertThat(rows)
                .as("no window without anything in it")
                .allMatch(r -> r.counters().active());
    }

    @Test
    void aLoggedOutAgentIsKeptUntilItsDayEndsAndALaterLogInAddsToTheSameDay() {
        morning();
        rows.addAll(aggregator.advanceTo(state, H9 + 60 * MIN));
        assertThat(aggregator.idle(state)).isFalse();
        int before = rows.size();
        rows.addAll(aggregator.advanceTo(state, H9 + 5 * 60 * MIN));
        assertThat(rows.size()).as("nothing changes while logged out").isEqualTo(before);

        feed(agent(AgentEventType.LOGGED_IN, "sales", H9 + 6 * 60 * MIN, null));
        feed(agent(AgentEventType.LOGGED_OUT, null, H9 + 6 * 60 * MIN + 10 * MIN, null));
        rows.addAll(aggregator.advanceTo(state, DAY0 + AgentKpiAggregator.DAY));

        assertThat(closed(AgentWindowKind.DAY, DAY0).counters().readyMs)
                .as("09:00:30-09:05, 09:20-09:21, 09:26-09:30, then 10 minutes at 15:00")
                .isEqualTo(4 * MIN + 30_000 + MIN + 4 * MIN + 10 * MIN);
    }

    @Test
    void aPresentAgentGetsARowInEveryWindowEvenWithoutEvents() {
        feed(agent(AgentEventType.LOGGED_IN, "sales", H9, null));
        feed(agent(AgentEventType.NOT_READY, null, H9, "training"));
        rows.addAll(aggregator.advanceTo(state, H9 + 60 * MIN));

        for (int i = 0; i < 4; i++) {
            AgentKpiRow r = closed(AgentWindowKind.INTERVAL, H9 + i * 15 * MIN);
            assertThat(r.counters().notReadyMs).isEqualTo(15 * MIN);
            assertThat(r.state()).isEqualTo("NOT_READY");
            assertThat(r.stateSinceMs()).isEqualTo(H9);
        }
        assertThat(rows)
                .filteredOn(r -> r.windowKind() == AgentWindowKind.DAY)
                .as("a day row every minute while present")
                .hasSize(60);
        assertThat(aggregator.idle(state)).isFalse();
    }

    @Test
    void leavingOneQueueKeepsTheAgentPresentLeavingTheLastEndsIt() {
        feed(agent(AgentEventType.LOGGED_IN, "sales", H9, null));
        feed(agent(AgentEventType.LOGGED_IN, "support", H9, null));
        feed(agent(AgentEventType.LOGGED_OUT, "sales", H9 + MIN, null));
        assertThat(state.present).isTrue();
        assertThat(state.members).containsExactly("support");
        feed(agent(AgentEventType.LOGGED_OUT, "support", H9 + 2 * MIN, null));
        assertThat(state.present).isFalse();
        rows.addAll(aggregator.advanceTo(state, H9 + 15 * MIN));

        assertThat(closed(AgentWindowKind.INTERVAL, H9).counters().readyMs).isEqualTo(2 * MIN);
    }

    @Test
    void aLateFactChangesNoCounter() {
        feed(agent(AgentEventType.LOGGED_IN, "sales", H9, null));
        rows.addAll(aggregator.advanceTo(state, H9 + 2 * MIN));

        assertThat(aggregator.apply(state, AgentKpiInput.of(fact(FactType.TALK, H9 + MIN, 5))))
                .isFalse();
        assertThat(state.interval.handled).isZero();
    }

    @Test
    void theFillingWindowsSoFarChangeNoState() {
        feed(agent(AgentEventType.LOGGED_IN, "sales", H9, null));
        rows.addAll(aggregator.advanceTo(state, H9 + 90_000));

        List<AgentKpiRow> soFar = aggregator.soFar(state, H9 + 100_000);
        assertThat(soFar)
                .extracting(AgentKpiRow::windowKind)
                .containsExactly(AgentWindowKind.INTERVAL, AgentWindowKind.DAY);
        assertThat(soFar.get(0).counters().readyMs).isEqualTo(100_000);
        assertThat(soFar.get(0).closed()).isFalse();
        assertThat(state.interval.readyMs).isEqualTo(90_000);
        assertThat(aggregator.soFar(state, H9 + 120_000)).as("on the minute: its row").isEmpty();
    }

    @Test
    void factsOnlyForQueuesOrWithoutAnAgentAreNotTheAgents() {
        feed(agent(AgentEventType.LOGGED_IN, "sales", H9, null));
        feed(KpiFact.contact(FactType.OFFERED, "acme", "sales", H9 + 1, "c1", 0, 0));
        assertThat(state.interval.answered + state.interval.handled).isZero();
        assertThat(KpiFact.contact(FactType.ANSWERED, "acme", "q", 1, "c", "a", 0, 0).forAgents())
                .isTrue();
        assertThat(
                        KpiFact.contact(FactType.OFFER_REJECTED, "acme", "q", 1, "c", "a", 0, 0)
                                .forQueues())
                .isFalse();
    }
}
