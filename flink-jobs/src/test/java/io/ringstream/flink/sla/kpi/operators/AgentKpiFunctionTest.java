package io.ringstream.flink.sla.kpi.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.analytics.kpi.AgentKpiAggregator;
import io.ringstream.analytics.kpi.AgentKpiInput;
import io.ringstream.analytics.kpi.AgentKpiRow;
import io.ringstream.analytics.kpi.AgentWindowKind;
import io.ringstream.analytics.kpi.FactType;
import io.ringstream.analytics.kpi.KpiFact;
import io.ringstream.analytics.kpi.KpiSettings;
import io.ringstream.events.AgentEvent;
import io.ringstream.events.AgentEventType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent operator in event time: inputs wait for the watermark, rows follow its minute
 * boundaries, the filling windows are refreshed in between, and state goes once the agent's day has
 * nothing left to report.
 */
class AgentKpiFunctionTest {
    /** 2024-03-01 09:00 UTC. */
    private static final long T0 = 1_709_283_600_000L;

    private static final long DAY_END = 1_709_337_600_000L;
    private static final long S = 1_000;
    private static final long MIN = 60 * S;

    private KeyedOneInputStreamOperatorTestHarness<String, AgentKpiInput, AgentKpiRow> harness;
    private int seq;

    @BeforeEach
    void open() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new AgentKpiFunction(
                                new AgentKpiAggregator(KpiSettings.defaults()),
                                Duration.ofSeconds(2)),
                        AgentKpiInput::key,
                        Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(AgentEventType type, long at) throws Exception {
        AgentEvent e =
                new AgentEvent(
                        1,
                        "e" + seq++,
                        type,
                        "acme",
                        "a1",
                        at,
                        "test",
                        type == AgentEventType.LOGGED_IN ? "sales" : null,
                        null,
                        Map.of(),
                        Map.of());
        harness.processElement(AgentKpiInput.of(e), at);
    }

    private void send(FactType type, long at, long duration) throws Exception {
        KpiFact f = KpiFact.contact(type, "acme", "sales", at, "c1", "a1", 0, duration);
        harness.processElement(AgentKpiInput.of(f), at);
    }

    private List<AgentKpiRow> rows(AgentWindowKind kind) {
        return harness.extractOutputValues().stream().filter(r -> r.windowKind() == kind).toList();
    }

    @Test
    void inputsOutOfOrderCountInEventTimeOrderOnceTheWatermarkPasses() throws Exception {
        send(FactType.TALK, T0 + 50 * S, 40 * S);
        send(AgentEventType.BUSY, T0 + 10 * S);
        send(FactType.ANSWERED, T0 + 10 * S, 0);
        send(AgentEventType.LOGGED_IN, T0);
        harness.processWatermark(T0 + 59 * S);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(T0 + MIN);

        AgentKpiRow interval = rows(AgentWindowKind.INTERVAL).get(0);
        assertThat(interval.asOf()).isEqualTo(T0 + MIN);
        assertThat(interval.counters().readyMs).isEqualTo(10 * S);
        assertThat(interval.counters().busyMs).isEqualTo(50 * S);
        assertThat(interval.counters().answered).isEqualTo(1);
        assertThat(interval.counters().handled).isEqualTo(1);
        assertThat(interval.state()).isEqualTo("BUSY");
        assertThat(rows(AgentWindowKind.DAY)).hasSize(1);
    }

    @Test
    void theFillingWindowsAreRefreshedBetweenBoundaries() throws Exception {
        send(AgentEventType.LOGGED_IN, T0);
        harness.processWatermark(T0 + 30 * S);
        harness.setProcessingTime(2_000);

        assertThat(harness.extractOutputValues())
                .extracting(AgentKpiRow::asOf, r -> r.counters().readyMs)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(T0 + 30 * S, 30 * S));
        assertThat(harness.extractOutputValues()).hasSize(2);
    }

    @Test
    void stateIsClearedOnceTheLoggedOutAgentsDayIsClosed() throws Exception {
        send(AgentEventType.LOGGED_IN, T0);
        send(FactType.ANSWERED, T0 + MIN, 0);
        send(AgentEventType.LOGGED_OUT, T0 + 20 * MIN);
        harness.processWatermark(T0 + 3 * 60 * MIN);

        assertThat(rows(AgentWindowKind.INTERVAL).stream().filter(AgentKpiRow::closed))
                .extracting(AgentKpiRow::windowStart)
                .containsExactly(T0, T0 + 15 * MIN);
        assertThat(harness.numKeyedStateEntries())
                .as("kept until the day's closing row")
                .isPositive();
        int before = harness.extractOutputValues().size();

        harness.processWatermark(DAY_END);

        List<AgentKpiRow> after =
                harness.extractOutputValues().subList(before, harness.extractOutputValues().size());
        assertThat(after)
                .extracting(AgentKpiRow::windowKind, AgentKpiRow::closed, AgentKpiRow::asOf)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AgentWindowKind.DAY, true, DAY_END));
        assertThat(after.get(0).counters().readyMs).isEqualTo(20 * MIN);
        assertThat(after.get(0).state()).isEqualTo("LOGGED_OUT");
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
