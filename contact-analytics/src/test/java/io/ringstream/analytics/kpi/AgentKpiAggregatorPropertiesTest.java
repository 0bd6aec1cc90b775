package io.ringstream.analytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.AgentEventType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invariants of {@link AgentKpiAggregator} over random agent days: the closed interval rows of a
 * day add up to its closed day row, state time never exceeds the window, and time present equals
 * what a direct walk over the events gives.
 */
class AgentKpiAggregatorPropertiesTest {
    private static final long MIN = 60_000;
    private static final long DAY0 = AgentKpiAggregatorTest.DAY0;

    record Step(AgentEventType type, String queue, long offset) {}

    @Provide
    Arbitrary<List<Step>> days() {
        Arbitrary<Step> step =
                Combinators.combine(
                                Arbitraries.of(
                                        AgentEventType.LOGGED_IN,
                                        AgentEventType.READY,
                                        AgentEventType.NOT_READY,
                                        AgentEventType.BUSY,
                                        AgentEventType.WRAP_UP,
                                        AgentEventType.LOGGED_OUT),
                                Arbitraries.of("sales", "support").injectNull(0.5),
                                Arbitraries.longs().between(0, 23 * 60 * MIN))
                        .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 200)
    void intervalsAddUpToTheDayAndPresenceIsExact(@ForAll("days") List<Step> steps) {
        List<Step> sorted = new ArrayList<>(steps);
        sorted.sort(java.util.Comparator.comparingLong(Step::offset));
        AgentKpiAggregator aggregator = new AgentKpiAggregator(KpiSettings.defaults());
        AgentKpiWindowsState s = aggregator.start("t", "a", DAY0);
        List<AgentKpiRow> rows = new ArrayList<>();
        int n = 0;
        for (Step st : sorted) {
            long at = DAY0 + st.offset();
            rows.addAll(aggregator.advanceTo(s, at));
            AgentEvent e =
                    new AgentEvent(
                            1,
                            "e" + n++,
                            st.type(),
                            "t",
                            "a",
                            at,
                            "p",
                            st.queue(),
                            null,
                            Map.of(),
                            Map.of());
            aggregator.apply(s, AgentKpiInput.of(e));
        }
        rows.addAll(aggregator.advanceTo(s, DAY0 + AgentKpiAggregator.DAY));

        AgentKpiCounters sum = new AgentKpiCounters();
        Map<Long, AgentKpiRow> lastInterval = new HashMap<>();
        AgentKpiRow day = null;
        for (AgentKpiRow r : rows) {
            assertThat(r.counters().presentMs()).isLessThanOrEqualTo(r.asOf() - r.windowStart());
            if (r.windowKind() == AgentWindowKind.INTERVAL) {
                lastInterval.put(r.windowStart(), r);
            } else {
                day = r;
            }
        }
        for (AgentKpiRow r : lastInterval.values()) {
            assertThat(r.closed()).isTrue();
            sum.readyMs += r.counters().readyMs;
            sum.notReadyMs += r.counters().notReadyMs;
            sum.busyMs += r.counters().busyMs;
            sum.agentWrapUpMs += r.counters().agentWrapUpMs;
        }
        long present = presentMillis(sorted);
        if (present == 0) {
            assertThat(day).isNull();
            return;
        }
        assertThat(day).isNotNull();
        assertThat(day.closed()).isTrue();
        assertThat(day.counters().readyMs).isEqualTo(sum.readyMs);
        assertThat(day.counters().notReadyMs).isEqualTo(sum.notReadyMs);
        assertThat(day.counters().busyMs).isEqualTo(sum.busyMs);
        assertThat(day.counters().agentWrapUpMs).isEqualTo(sum.agentWrapUpMs);
        assertThat(day.counters().presentMs()).isEqualTo(present);
    }

    /** The presence rule walked directly: logged in from LOGGED_IN until it logs out of all. */
    private static long presentMillis(List<Step> sorted) {
        java.util.Set<String> members = new java.util.HashSet<>();
        boolean present = false;
        long since = 0;
        long total = 0;
        for (Step st : sorted) {
            boolean was = present;
            if (st.type() == AgentEventType.LOGGED_IN) {
                present = true;
                if (st.queue() != null) {
                    members.add(st.queue());
                }
            } else if (st.type() == AgentEventType.LOGGED_OUT) {
                if (st.queue() == null) {
                    members.clear();
                    present = false;
                } else {
                    members.remove(st.queue());
                    present = present && !members.isEmpty();
                }
            }
            if (was && !present) {
                total += st.offset() - since;
            } else if (!was && present) {
                since = st.offset();
            }
        }
        if (present) {
            total += AgentKpiAggregator.DAY - since;
        }
        return total;
    }
}
