package io.ringstream.flink.operators;

import io.ringstream.flink.stats.IntervalStats;
import io.ringstream.flink.stats.Intervals;
import io.ringstream.flink.stats.QueueDelta;
import io.ringstream.flink.stats.QueueIntervalStats;
import io.ringstream.flink.stats.ServiceLevelThresholds;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 2 of the queue statistics: sums {@link QueueDelta}s per tenant, queue and interval and emits
 * the live row, so wallboards see an interval while it fills rather than after it closes.
 *
 * <p>Emission: the first delta after an emission arms a processing-time timer {@code emitEvery}
 * ahead; when it fires the current row is emitted. So a row is emitted at most once per {@code
 * emitEvery}, and only when it changed. Each row carries {@code version} = deltas folded so far.
 *
 * <p>State lifetime: an interval's state is cleared by an event-time timer at interval end + {@code
 * retention} (a pending row is emitted first). A delta for an interval whose retention has passed
 * (its contact's events were later than the retention) is dropped and counted in the {@code
 * lateDeltasDropped} metric: re-creating the state would emit a partial row with a lower version,
 * which ReplacingMergeTree(version) would discard anyway. Recompute such intervals by replaying the
 * topic.
 */
public class IntervalAggregationFunction
        extends KeyedProcessFunction<String, QueueDelta, QueueIntervalStats> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(IntervalAggregationFunction.class);

    private final Intervals intervals;
    private final ServiceLevelThresholds thresholds;
    private final long retentionMillis;
    private final long emitEveryMillis;

    private transient ValueState<IntervalStats> stats;
    private transient ValueState<Long> emitAt;
    private transient Counter lateDeltas;

    public IntervalAggregationFunction(
            Intervals intervals,
            ServiceLevelThresholds thresholds,
            Duration retention,
            Duration emitEvery) {
        this.intervals = intervals;
        this.thresholds = thresholds;
        this.retentionMillis = retention.toMillis();
        this.emitEveryMillis = emitEvery.toMillis();
    }

    /** The key deltas are partitioned by: one key per row of queue_interval_stats. */
    public static String keyOf(QueueDelta delta) {
        return delta.tenant() + '\u001f' + delta.queue() + '\u001f' + delta.intervalStart();
    }

    @Override
    public void open(OpenContext openContext) {
        stats =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("stats", IntervalStats.class));
        emitAt = getRuntimeContext().getState(new ValueStateDescriptor<>("emitAt", Long.class));
        lateDeltas = getRuntimeContext().getMetricGroup().counter("lateDeltasDropped");
    }

    @Override
    public void processElement(QueueDelta delta, Context ctx, Collector<QueueIntervalStats> out)
            throws Exception {
        long expiresAt = intervals.endOf(delta.intervalStart()) + retentionMillis;
        if (ctx.timerService().currentWatermark() >= expiresAt) {
            lateDeltas.inc();
            LOG.debug("Dropped a delta for an interval past its retention: {}", delta);
            return;
        }
        IntervalStats current = stats.value();
        if (current == null) {
            current = IntervalStats.empty(delta.tenant(), delta.queue(), delta.intervalStart());
            ctx.timerService().registerEventTimeTimer(expiresAt);
        }
        current.add(delta);
        stats.update(current);
        if (emitAt.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + emitEveryMillis;
            ctx.timerService().registerProcessingTimeTimer(at);
            emitAt.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<QueueIntervalStats> out)
            throws Exception {
        Long pending = emitAt.value();
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            emit(ctx, out);
            emitAt.clear();
            return;
        }
        if (pending != null) {
            ctx.timerService().deleteProcessingTimeTimer(pending);
            emit(ctx, out);
        }
        stats.clear();
        emitAt.clear();
    }

    private void emit(OnTimerContext ctx, Collector<QueueIntervalStats> out) throws Exception {
        IntervalStats current = stats.value();
        if (current != null) {
            out.collect(
                    current.toRow(
                            intervals.minutes(),
                            thresholds.secondsFor(current.queue),
                            ctx.timerService().currentProcessingTime()));
        }
    }
}
