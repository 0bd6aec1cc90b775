package io.ringstream.flink.sla.kpi.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.analytics.kpi.AgentPresence;
import io.ringstream.analytics.kpi.FactType;
import io.ringstream.analytics.kpi.KpiFact;
import io.ringstream.analytics.kpi.KpiSettings;
import io.ringstream.analytics.kpi.QueueKpiAggregator;
import io.ringstream.analytics.kpi.QueueKpiRow;
import io.ringstream.analytics.kpi.WindowKind;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue operator in event time: facts wait for the watermark; rows follow its boundaries, and
 * the filling interval is refreshed in between.
 */
class QueueKpiFunctionTest {
    private static final long T0 = 1_709_287_200_000L;
    private static final long S = 1_000;
    private static final long MIN = 60 * S;

    private KeyedOneInputStreamOperatorTestHarness<String, KpiFact, QueueKpiRow> harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new QueueKpiFunction(
                                new QueueKpiAggregator(KpiSettings.defaults()),
                                Duration.ofSeconds(2)),
                        KpiFact::queueKey,
                        Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(KpiFact f) throws Exception {
        harness.processElement(f, f.time());
    }

    private static KpiFact fact(FactType type, String contact, long t, long wait) {
        return KpiFact.contact(type, "acme", "sales", t, contact, wait, 0);
    }

    private List<QueueKpiRow> rows(WindowKind kind) {
        return harness.extractOutputValues().stream().filter(r -> r.windowKind() == kind).toList();
    }

    @Test
    void outOfOrderFactsAreCountedInEventTimeOrderOnceTheWatermarkPasses() throws Exception {
        send(fact(FactType.LEFT, "c1", T0 + 10 * S, 0));
        send(fact(FactType.ANSWERED, "c1", T0 + 10 * S, 9 * S));
        send(fact(FactType.OFFERED, "c1", T0 + S, 0));
        harness.processWatermark(T0 + 59 * S);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(T0 + MIN);

        QueueKpiRow interval = rows(WindowKind.INTERVAL).get(0);
        assertThat(interval.asOf()).isEqualTo(T0 + MIN);
        assertThat(interval.counters().offered).isEqualTo(1);
        assertThat(interval.counters().answered).isEqualTo(1);
        assertThat(interval.counters().waitingMs).isEqualTo(9 * S);
        assertThat(interval.waitingNow()).isZero();
    }

    @Test
    void rowsKeepComingWhileAgentsAreLoggedInAndStateGoesOnceTheQueueIsIdle() throws Exception {
        send(KpiFact.agent("acme", "sales", T0, "a1", AgentPresence.READY));
        harness.processWatermark(T0 + 20 * MIN);
        assertThat(rows(WindowKind.INTERVAL).stream().filter(QueueKpiRow::closed))
                .extracting(QueueKpiRow::windowStart)
                .containsExactly(T0);
        assertThat(harness.numKeyedStateEntries()).isPositive();

        send(KpiFact.agent("acme", "sales", T0 + 21 * MIN, "a1", AgentPresence.OUT));
        harness.processWatermark(T0 + 3 * 60 * MIN);

        assertThat(rows(WindowKind.INTERVAL).stream().filter(QueueKpiRow::closed))
                .extracting(QueueKpiRow::windowStart)
                .containsExactly(T0, T0 + 15 * MIN);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aLateFactDoesNotChangeRowsAlreadyEmitted() throws Exception {
        send(fact(FactType.OFFERED, "c1", T0 + S, 0));
        harness.processWatermark(T0 + 2 * MIN);
        int before = harness.extractOutputValues().size();

        send(fact(FactType.ANSWERED, "c1", T0 + 30 * S, 29 * S));
        send(fact(FactType.LEFT, "c1", T0 + 30 * S, 29 * S));
        harness.processWatermark(T0 + 3 * MIN);

        List<QueueKpiRow> after =
                harness.extractOutputValues().subList(before, harness.extractOutputValues().size());
        assertThat(after).allSatisfy(r -> assertThat(r.counters().answered).isZero());
        assertThat(after.stream().filter(r -> r.windowKind() == WindowKind.INTERVAL))
                .allSatisfy(
                        r -> assertThat(r.waitingNow()).as("the late LEFT still counts").isZero());
    }

    @Test
    void theFillingIntervalIsRefreshedAsOfTheWatermarkWithoutChangingState() throws Exception {
        harness.setProcessingTime(0);
        send(fact(FactType.OFFERED, "c1", T0 + S, 0));
        send(fact(FactType.ANSWERED, "c1", T0 + 10 * S, 9 * S));
        send(fact(FactType.LEFT, "c1", T0 + 10 * S, 9 * S));
        send(fact(FactType.OFFERED, "c2", T0 + 20 * S, 0));
        harness.processWatermark(T0 + 30 * S);
        assertThat(harness.extractOutputValues()).as("no minute boundary passed").isEmpty();

        harness.setProcessingTime(2_000);

        assertThat(rows(WindowKind.INTERVAL))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.asOf()).isEqualTo(T0 + 30 * S);
                            assertThat(r.closed()).isFalse();
                            assertThat(r.counters().offered).isEqualTo(2);
                            assertThat(r.counters().answered).isEqualTo(1);
                            assertThat(r.waitingNow()).isEqualTo(1);
                            assertThat(r.longestWaitNowMs()).isEqualTo(10 * S);
                        });
        harness.setProcessingTime(4_000);
        assertThat(rows(WindowKind.INTERVAL)).as("the watermark did not move").hasSize(1);

        harness.processWatermark(T0 + MIN);

        QueueKpiRow boundary = rows(WindowKind.INTERVAL).get(1);
        assertThat(boundary.asOf()).isEqualTo(T0 + MIN);
        assertThat(boundary.version()).isGreaterThan(rows(WindowKind.INTERVAL).get(0).version());
        assertThat(boundary.counters().offered).isEqualTo(2);
        // c1 waited 9 s, c2 from 20 s to the boundary: the refresh accrued nothing into the state.
        assertThat(boundary.counters().waitingMs).isEqualTo(9 * S + 40 * S);
    }
}
