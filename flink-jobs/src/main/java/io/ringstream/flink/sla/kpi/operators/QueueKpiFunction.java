package io.ringstream.flink.sla.kpi.operators;

import io.ringstream.analytics.kpi.KpiFact;
import io.ringstream.analytics.kpi.QueueKpiAggregator;
import io.ringstream.analytics.kpi.QueueKpiRow;
import io.ringstream.analytics.kpi.QueueKpiState;
import io.ringstream.flink.kit.state.EventTimeBuffer;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * KPI step 2: folds a queue's facts, in event-time order, into {@link QueueKpiAggregator} and emits
 * its rows as the watermark passes each minute boundary. Keyed by tenant and queue.
 *
 * <p>Between boundaries, the interval that is filling is refreshed: at most every {@code refresh}
 * of processing time, its row as of the current watermark is emitted (when the watermark moved), so
 * wallboards and the {@code up} status line need not wait for the next minute. A refresh row
 * changes no state; its version (the watermark) is below the next boundary row's.
 *
 * <p>Timers: one per buffered fact time, one at the next minute boundary while the queue has
 * anything to report, and one processing-time refresh. State lifetime: the queue state is cleared
 * once the aggregator reports it idle (no agent, no waiting contact, nothing left to emit); the
 * next fact starts it afresh. A fact that arrives after the watermark passed it changes who waits
 * and which agents are present, but its counters are dropped and counted in {@code
 * lateKpiFactsDropped}.
 */
public class QueueKpiFunction extends KeyedProcessFunction<String, KpiFact, QueueKpiRow> {
    private static final long serialVersionUID = 1L;

    /** Facts of one millisecond keep their arrival order (one contact's facts are in order). */
    private static final Comparator<KpiFact> KEEP_ARRIVAL_ORDER = (a, b) -> 0;

    private final QueueKpiAggregator aggregator;
    private final long refreshMillis;

    private transient EventTimeBuffer<KpiFact> buffer;
    private transient ValueState<QueueKpiState> queue;
    private transient ValueState<Long> refreshAt;
    private transient ValueState<Long> refreshedAsOf;
    private transient Counter lateDropped;

    /**
     * @param refresh how often, at most, the filling interval's row is re-emitted between minute
     *     boundaries (processing time)
     */
    public QueueKpiFunction(QueueKpiAggregator aggregator, Duration refresh) {
        this.aggregator = aggregator;
        this.refreshMillis = refresh.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        MapState<Long, List<KpiFact>> pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(KpiFact.class))));
        buffer = new EventTimeBuffer<>(pending);
        queue =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("queue", QueueKpiState.class));
        refreshAt =
                getRuntimeContext().getState(new ValueStateDescriptor<>("refreshAt", Long.class));
        refreshedAsOf =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("refreshedAsOf", Long.class));
        lateDropped = getRuntimeContext().getMetricGroup().counter("lateKpiFactsDropped");
    }

    @Override
    public void processElement(KpiFact f, Context ctx, Collector<QueueKpiRow> out)
            throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (f.time() > watermark) {
            if (buffer.add(f.time(), f)) {
                ctx.timerService().registerEventTimeTimer(f.time());
            }
            return;
        }
        QueueKpiState state = queue.value();
        if (state == null) {
            state = aggregator.start(f.tenant(), f.queue(), watermark);
        }
        if (f.time() >= state.clock) {
            // The watermark moved past this fact without a timer of this queue firing.
            aggregator.advanceTo(state, f.time()).forEach(out::collect);
        }
        if (!aggregator.apply(state, f)) {
            lateDropped.inc();
        }
        finish(state, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<QueueKpiRow> out)
            throws Exception {
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            refresh(ctx, out);
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        QueueKpiState state = queue.value();
        for (KpiFact f : buffer.drain(watermark, KEEP_ARRIVAL_ORDER)) {
            if (state == null) {
                state = aggregator.start(f.tenant(), f.queue(), f.time());
            }
            aggregator.advanceTo(state, f.time()).forEach(out::collect);
            aggregator.apply(state, f);
        }
        if (state == null) {
            return;
        }
        advance(state, watermark, out);
        finish(state, ctx.timerService());
    }

    /**
     * Emits every boundary up to the watermark; stops early once the queue is idle (so a watermark
     * jump over days costs nothing), and at the end of input ({@code Long.MAX_VALUE}) closes only
     * the current interval.
     */
    private void advance(QueueKpiState state, long watermark, Collector<QueueKpiRow> out) {
        long target =
                watermark == Long.MAX_VALUE
                        ? state.intervalStart + aggregator.settings().intervalMillis()
                        : watermark;
        while (state.clock < target) {
            if (aggregator.idle(state)) {
                state.clock = target;
                return;
            }
            long step = Math.min(target, aggregator.nextBoundary(state));
            aggregator.advanceTo(state, step).forEach(out::collect);
        }
    }

    /** Emits the filling interval as of the watermark, if it moved since the last refresh. */
    private void refresh(OnTimerContext ctx, Collector<QueueKpiRow> out) throws Exception {
        refreshAt.clear();
        QueueKpiState state = queue.value();
        if (state == null) {
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        Long last = refreshedAsOf.value();
        if (last == null || watermark > last) {
            aggregator.intervalSoFar(state, watermark).ifPresent(out::collect);
            refreshedAsOf.update(watermark);
        }
        scheduleRefresh(ctx.timerService());
    }

    private void finish(QueueKpiState state, TimerService timers) throws Exception {
        if (aggregator.idle(state)) {
            queue.clear();
            refreshedAsOf.clear();
            Long pending = refreshAt.value();
            if (pending != null) {
                timers.deleteProcessingTimeTimer(pending);
                refreshAt.clear();
            }
            return;
        }
        queue.update(state);
        timers.registerEventTimeTimer(aggregator.nextBoundary(state));
        scheduleRefresh(timers);
    }

    /** One pending refresh per queue; a refresh with no queue state left does nothing. */
    private void scheduleRefresh(TimerService timers) throws Exception {
        if (refreshAt.value() == null) {
            long at = timers.currentProcessingTime() + refreshMillis;
            timers.registerProcessingTimeTimer(at);
            refreshAt.update(at);
        }
    }
}
