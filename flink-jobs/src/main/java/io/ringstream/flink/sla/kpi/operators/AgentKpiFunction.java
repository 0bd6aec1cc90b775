package io.ringstream.flink.sla.kpi.operators;

import io.ringstream.analytics.kpi.AgentKpiAggregator;
import io.ringstream.analytics.kpi.AgentKpiInput;
import io.ringstream.analytics.kpi.AgentKpiRow;
import io.ringstream.analytics.kpi.AgentKpiWindowsState;
import io.ringstream.flink.kit.state.EventTimeBuffer;
import java.time.Duration;
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
 * KPI step 2 for agents ({@code agent_kpis}): folds an agent's own events and the contact facts
 * counted for it, in event-time order, into {@link AgentKpiAggregator} and emits its interval and
 * day rows as the watermark passes minute boundaries. Keyed by tenant and agent ({@link
 * AgentKpiInput#key()}), so the per-agent panels and the wallboard read complete rows instead of
 * raw events.
 *
 * <p>Between boundaries the filling windows are refreshed, as {@link QueueKpiFunction} does: at
 * most every {@code refresh} of processing time, their rows as of the current watermark (when it
 * moved). A refresh changes no state; its version is below the next boundary row's.
 *
 * <p>Timers: one per buffered input time, one at the aggregator's next boundary while the agent has
 * state, one processing-time refresh. State lifetime: the buffer empties as the watermark passes;
 * the agent state lives from its first input until the aggregator reports it idle (not logged in
 * and its day closed: an agent who logged out keeps its state until midnight, so a later log-in
 * adds to the same day row), then every state and pending timer of the key is cleared. Inputs
 * behind the watermark change the agent's state, but their counters are dropped and counted in
 * {@code lateAgentKpiFactsDropped}.
 */
public class AgentKpiFunction extends KeyedProcessFunction<String, AgentKpiInput, AgentKpiRow> {
    private static final long serialVersionUID = 1L;

    private final AgentKpiAggregator aggregator;
    private final long refreshMillis;

    private transient EventTimeBuffer<AgentKpiInput> buffer;
    private transient ValueState<AgentKpiWindowsState> agent;
    private transient ValueState<Long> boundaryAt;
    private transient ValueState<Long> refreshAt;
    private transient ValueState<Long> refreshedAsOf;
    private transient Counter lateDropped;

    public AgentKpiFunction(AgentKpiAggregator aggregator, Duration refresh) {
        this.aggregator = aggregator;
        this.refreshMillis = refresh.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        MapState<Long, List<AgentKpiInput>> pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(AgentKpiInput.class))));
        buffer = new EventTimeBuffer<>(pending);
        agent =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("agent", AgentKpiWindowsState.class));
        boundaryAt =
                getRuntimeContext().getState(new ValueStateDescriptor<>("boundaryAt", Long.class));
        refreshAt =
                getRuntimeContext().getState(new ValueStateDescriptor<>("refreshAt", Long.class));
        refreshedAsOf =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("refreshedAsOf", Long.class));
        lateDropped = getRuntimeContext().getMetricGroup().counter("lateAgentKpiFactsDropped");
    }

    @Override
    public void processElement(AgentKpiInput in, Context ctx, Collector<AgentKpiRow> out)
            throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (in.time() > watermark) {
            if (buffer.add(in.time(), in)) {
                ctx.timerService().registerEventTimeTimer(in.time());
            }
            return;
        }
        AgentKpiWindowsState state = agent.value();
        if (state == null) {
            state = aggregator.start(in.tenant(), in.agentId(), Math.max(watermark, in.time()));
        }
        if (in.time() >= state.clock) {
            aggregator.advanceTo(state, in.time()).forEach(out::collect);
        }
        if (!aggregator.apply(state, in)) {
            lateDropped.inc();
        }
        finish(state, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AgentKpiRow> out)
            throws Exception {
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            refresh(ctx, out);
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        AgentKpiWindowsState state = agent.value();
        for (AgentKpiInput in : buffer.drain(watermark, AgentKpiInput.ORDER)) {
            if (state == null) {
                state = aggregator.start(in.tenant(), in.agentId(), in.time());
            }
            aggregator.advanceTo(state, in.time()).forEach(out::collect);
            aggregator.apply(state, in);
        }
        if (state == null) {
            return;
        }
        if (watermark != Long.MAX_VALUE) {
            aggregator.advanceTo(state, watermark).forEach(out::collect);
        }
        finish(state, ctx.timerService());
    }

    /** Emits the filling windows as of the watermark, if it moved since the last refresh. */
    private void refresh(OnTimerContext ctx, Collector<AgentKpiRow> out) throws Exception {
        refreshAt.clear();
        AgentKpiWindowsState state = agent.value();
        if (state == null) {
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        Long last = refreshedAsOf.value();
        if (last == null || watermark > last) {
            aggregator.soFar(state, watermark).forEach(out::collect);
            refreshedAsOf.update(watermark);
        }
        scheduleRefresh(ctx.timerService());
    }

    private void finish(AgentKpiWindowsState state, TimerService timers) throws Exception {
        Long pendingBoundary = boundaryAt.value();
        if (aggregator.idle(state) && buffer.isEmpty()) {
            agent.clear();
            refreshedAsOf.clear();
            if (pendingBoundary != null) {
                timers.deleteEventTimeTimer(pendingBoundary);
                boundaryAt.clear();
            }
            Long pendingRefresh = refreshAt.value();
            if (pendingRefresh != null) {
                timers.deleteProcessingTimeTimer(pendingRefresh);
                refreshAt.clear();
            }
            return;
        }
        agent.update(state);
        // One boundary timer at a time: a logged-out agent's next one may be hours away.
        long next = aggregator.nextBoundary(state);
        if (pendingBoundary == null || pendingBoundary != next) {
            if (pendingBoundary != null) {
                timers.deleteEventTimeTimer(pendingBoundary);
            }
            timers.registerEventTimeTimer(next);
            boundaryAt.update(next);
        }
        scheduleRefresh(timers);
    }

    /** One pending refresh per agent; a refresh with no agent state left does nothing. */
    private void scheduleRefresh(TimerService timers) throws Exception {
        if (refreshAt.value() == null) {
            long at = timers.currentProcessingTime() + refreshMillis;
            timers.registerProcessingTimeTimer(at);
            refreshAt.update(at);
        }
    }
}
