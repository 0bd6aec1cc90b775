package io.ringstream.flink.sla.kpi.operators;

import io.ringstream.analytics.kpi.AgentKpiState;
import io.ringstream.analytics.kpi.AgentKpiTracker;
import io.ringstream.analytics.kpi.KpiFact;
import io.ringstream.events.AgentEvent;
import io.ringstream.flink.kit.state.EventTimeBuffer;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * KPI step 1 for agents: applies each agent's events to {@link AgentKpiTracker} in event-time order
 * and emits the agent's presence changes per queue. Keyed by tenant and agent.
 *
 * <p>State lifetime: buffered events until the watermark passes them; the tracker state until the
 * agent is a member of no queue (nothing of it matters to a queue then). Late events are applied at
 * once and counted in {@code lateAgentEvents}.
 */
public class AgentFactsFunction extends KeyedProcessFunction<String, AgentEvent, KpiFact> {
    private static final long serialVersionUID = 1L;

    private final AgentKpiTracker tracker = new AgentKpiTracker();

    private transient EventTimeBuffer<AgentEvent> buffer;
    private transient ValueState<AgentKpiState> agent;
    private transient Counter late;

    public static String keyOf(AgentEvent e) {
        return e.tenant() + '\u001f' + e.agentId();
    }

    @Override
    public void open(OpenContext openContext) {
        MapState<Long, List<AgentEvent>> pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(AgentEvent.class))));
        buffer = new EventTimeBuffer<>(pending);
        agent =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("agent", AgentKpiState.class));
        late = getRuntimeContext().getMetricGroup().counter("lateAgentEvents");
    }

    @Override
    public void processElement(AgentEvent e, Context ctx, Collector<KpiFact> out) throws Exception {
        if (e.eventTime() > ctx.timerService().currentWatermark()) {
            if (buffer.add(e.eventTime(), e)) {
                ctx.timerService().registerEventTimeTimer(e.eventTime());
            }
            return;
        }
        late.inc();
        apply(List.of(e), out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KpiFact> out)
            throws Exception {
        apply(buffer.drain(ctx.timerService().currentWatermark(), AgentKpiTracker.ORDER), out);
    }

    private void apply(List<AgentEvent> events, Collector<KpiFact> out) throws Exception {
        if (events.isEmpty()) {
            return;
        }
        AgentKpiState state = agent.value();
        if (state == null) {
            state = new AgentKpiState();
        }
        for (AgentEvent e : events) {
            tracker.apply(state, e).forEach(out::collect);
        }
        if (state.memberOfAny()) {
            agent.update(state);
        } else {
            agent.clear();
        }
    }
}
