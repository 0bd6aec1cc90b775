package io.ringstream.flink.operators;

import static io.ringstream.testkit.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.flink.stats.Intervals;
import io.ringstream.flink.stats.QueueDelta;
import io.ringstream.flink.stats.QueueIntervalStats;
import io.ringstream.flink.stats.ServiceLevelThresholds;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-interval operator: live emission, retention and restore of its counters. */
class IntervalAggregationFunctionTest {
    private static final long INTERVAL = 15 * 60_000L;
    private static final Duration RETENTION = Duration.ofHours(6);
    private static final long EMIT_EVERY = 2_000;

    private KeyedOneInputStreamOperatorTestHarness<String, QueueDelta, QueueIntervalStats> harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.setProcessingTime(1_000_000);
    }

    private static IntervalAggregationFunction function() {
        return new IntervalAggregationFunction(
                new Intervals(15),
                ServiceLevelThresholds.parse("sales=25"),
                RETENTION,
                Duration.ofMillis(EMIT_EVERY));
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, QueueDelta, QueueIntervalStats>
            newHarness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                function(), IntervalAggregationFunction::keyOf, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static QueueDelta offered(String queue, long interval) {
        return new QueueDelta("t", queue, interval, 1, 0, 0, 0, 0, 0);
    }

    private static QueueDelta answered(String queue, long interval, long wait) {
        return new QueueDelta("t", queue, interval, 0, 1, 0, 1, wait, 0);
    }

    private void send(QueueDelta d) throws Exception {
        harness.processElement(d, d.intervalStart());
    }

    @Test
    void emitsTheLiveRowAtMostOncePerEmitIntervalAndOnlyWhenItChanged() throws Exception {
        send(offered("sales", T0));
        send(offered("sales", T0));
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.setProcessingTime(1_000_000 + EMIT_EVERY);
        assertThat(harness.extractOutputValues())
                .containsExactly(
                        new QueueIntervalStats(
                                "t", "sales", T0, 15, 2, 0, 0, 0, 25, 0, 0, 2, 1_002_000));

        // Nothing changed: nothing more is emitted however long we wait.
        harness.setProcessingTime(1_000_000 + 10 * EMIT_EVERY);
        assertThat(harness.extractOutputValues()).hasSize(1);

        send(answered("sales", T0, 4_000));
        harness.setProcessingTime(1_000_000 + 11 * EMIT_EVERY);
        assertThat(harness.extractOutputValues())
                .last()
                .isEqualTo(
                        new QueueIntervalStats(
                                "t", "sales", T0, 15, 2, 1, 0, 1, 25, 4_000, 0, 3, 1_022_000));
    }

    @Test
    void keepsOneRowPerQueueAndInterval() throws Exception {
        send(offered("sales", T0));
        send(offered("support", T0));
        send(offered("sales", T0 + INTERVAL));
        harness.setProcessingTime(1_000_000 + EMIT_EVERY);

        assertThat(harness.extractOutputValues())
                .extracting(r -> r.queue() + "@" + r.intervalStart() + ":" + r.thresholdSeconds())
                .containsExactlyInAnyOrder(
                        "sales@" + T0 + ":25",
                        "support@" + T0 + ":20",
                        "sales@" + (T0 + INTERVAL) + ":25");
    }

    @Test
    void clearsAnIntervalAfterItsRetentionAndFlushesThePendingRowFirst() throws Exception {
        send(offered("sales", T0));
        harness.processWatermark(T0 + INTERVAL + RETENTION.toMillis() - 1);
        assertThat(harness.numKeyedStateEntries()).isPositive();
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(T0 + INTERVAL + RETENTION.toMillis());

        assertThat(harness.extractOutputValues())
                .singleElement()
                .extracting(QueueIntervalStats::offered, QueueIntervalStats::version)
                .containsExactly(1L, 1L);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void dropsDeltasForIntervalsPastTheirRetention() throws Exception {
        harness.processWatermark(T0 + INTERVAL + RETENTION.toMillis());
        send(offered("sales", T0));
        harness.setProcessingTime(1_000_000 + EMIT_EVERY);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void restoredStateContinuesTheVersion() throws Exception {
        send(offered("sales", T0));
        send(offered("sales", T0));
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1_000_000);
        harness.close();

        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(function()),
                        IntervalAggregationFunction::keyOf,
                        Types.STRING);
        harness.setProcessingTime(2_000_000);
        harness.initializeState(snapshot);
        harness.open();
        send(answered("sales", T0, 1_000));
        harness.setProcessingTime(2_000_000 + EMIT_EVERY);

        assertThat(harness.extractOutputValues())
                .last()
                .extracting(
                        QueueIntervalStats::offered,
                        QueueIntervalStats::answered,
                        QueueIntervalStats::version)
                .containsExactly(2L, 1L, 3L);
    }
}
