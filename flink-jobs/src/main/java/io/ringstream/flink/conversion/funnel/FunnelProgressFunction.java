package io.ringstream.flink.conversion.funnel;

import io.ringstream.analytics.funnel.CustomerFunnels;
import io.ringstream.analytics.funnel.CustomerFunnels.Outcome;
import io.ringstream.analytics.funnel.CustomerFunnels.Update;
import io.ringstream.analytics.funnel.DefaultFunnels;
import io.ringstream.events.CustomerChangeType;
import io.ringstream.events.FunnelDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The funnel progress operator, keyed by {@code tenant|customerId}: thin glue around {@link
 * CustomerFunnels}, which holds the rules (per-customer ordering and lateness, rebuilds,
 * retractions). It resolves the tenant's active funnels from broadcast state, writes each update as
 * a {@code funnel_progress} row and a {@link FunnelEpisode} for the stats operator ({@link
 * #EPISODES}), and sends too-late events to {@link #LATE_EVENTS} (counted as {@code
 * lateFunnelEvents}).
 *
 * <p>Definitions: the newest record per tenant and funnel id wins, an inactive one included (it
 * withdraws the funnel, the default {@code sales} too). {@code DefaultFunnels.sales(tenant)}
 * applies until a record with id {@code sales} arrives. A record with violations never gets here
 * (the definitions' decoder dead-letters it); should one, it is logged and ignored.
 *
 * <p>State lifetime, per customer: one byte array (the {@link CustomerFunnels} snapshot: trackers,
 * recent log, revision counter; no Kryo) and the cleanup time. Cleared when the watermark passes
 * {@link CustomerFunnels#clearAt} (every tracker's {@code keptUntil()} or the newest event, plus
 * the lateness), or one lateness after the watermark at the customer's last event, whichever is
 * later (a history import behind the watermark keeps its state that long between events), and at
 * once when the customer is ERASED.
 */
public class FunnelProgressFunction
        extends KeyedBroadcastProcessFunction<
                String, FunnelInput, FunnelDefinition, FunnelProgressRow> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FunnelProgressFunction.class);

    /** Definitions by {@code tenant|funnelId}; the same descriptor must be used to broadcast. */
    public static final MapStateDescriptor<String, FunnelDefinition> DEFINITIONS =
            new MapStateDescriptor<>(
                    "funnel-definitions", Types.STRING, TypeInformation.of(FunnelDefinition.class));

    /** Events older than their customer's newest minus the lateness: left out of the funnels. */
    public static final OutputTag<FunnelInput> LATE_EVENTS =
            new OutputTag<>("late-funnel-events", FunnelInput.TYPE);

    /** Each progress row's episode, for the stats operator. */
    public static final OutputTag<FunnelEpisode> EPISODES =
            new OutputTag<>("funnel-episodes", TypeInformation.of(FunnelEpisode.class));

    private final long latenessMillis;

    private transient ValueState<byte[]> customer;
    private transient ValueState<Long> cleanupAt;
    private transient Counter late;
    // The tenant's active funnels, rebuilt from broadcast state after each definition.
    private transient Map<String, List<FunnelDefinition>> activeByTenant;

    public FunnelProgressFunction(Duration lateness) {
        this.latenessMillis = lateness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        customer =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "funnel-customer",
                                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        cleanupAt =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("funnel-cleanup-at", Types.LONG));
        late = getRuntimeContext().getMetricGroup().counter("lateFunnelEvents");
        activeByTenant = new HashMap<>();
    }

    @Override
    public void processElement(
            FunnelInput in, ReadOnlyContext ctx, Collector<FunnelProgressRow> out)
            throws Exception {
        if (in.change() != null) {
            if (in.change().type() == CustomerChangeType.ERASED) {
                clear(ctx.timerService());
            }
            return;
        }
        byte[] bytes = customer.value();
        // A new (or cleared) customer's row versions start at the processing time: above every
        // version written before a clear, so a late row of an old episode is not lost to it.
        CustomerFunnels state =
                bytes == null
                        ? CustomerFunnels.empty(
                                in.customerId(), ctx.timerService().currentProcessingTime())
                        : CustomerFunnels.restore(bytes);
        List<FunnelDefinition> active = active(in.tenant(), ctx.getBroadcastState(DEFINITIONS));
        Outcome outcome = state.apply(in.event(), active, latenessMillis);
        if (outcome.late()) {
            late.inc();
            ctx.output(LATE_EVENTS, in);
        }
        long now = ctx.timerService().currentProcessingTime();
        for (Update u : outcome.updates()) {
            FunnelProgressRow row = FunnelRows.row(u, in.customerId(), now);
            out.collect(row);
            ctx.output(EPISODES, FunnelRows.episode(row, u.funnel()));
        }
        if (state.isEmpty()) {
            return; // nothing the funnels need: keep no state for this customer
        }
        customer.update(state.snapshot());
        schedule(state, ctx.timerService());
    }

    private void schedule(CustomerFunnels state, TimerService timers) throws Exception {
        long due = state.clearAt(latenessMillis);
        long watermark = timers.currentWatermark();
        if (watermark != Long.MIN_VALUE && watermark < Long.MAX_VALUE - latenessMillis - 1) {
            due = Math.max(due, watermark + latenessMillis + 1);
        }
        Long current = cleanupAt.value();
        if (current == null || current != due) {
            if (current != null) {
                timers.deleteEventTimeTimer(current);
            }
            timers.registerEventTimeTimer(due);
            cleanupAt.update(due);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FunnelProgressRow> out)
            throws Exception {
        Long due = cleanupAt.value();
        if (due != null && due == timestamp) {
            clear(ctx.timerService());
        }
    }

    private void clear(TimerService timers) throws Exception {
        Long due = cleanupAt.value();
        if (due != null) {
            timers.deleteEventTimeTimer(due);
        }
        customer.clear();
        cleanupAt.clear();
    }

    @Override
    public void processBroadcastElement(
            FunnelDefinition funnel, Context ctx, Collector<FunnelProgressRow> out)
            throws Exception {
        List<String> problems = funnel.violations();
        if (!problems.isEmpty()) {
            LOG.warn(
                    "funnel definition {} of tenant {} ignored: {}",
                    funnel.funnelId(),
                    funnel.tenant(),
                    problems);
            return;
        }
        ctx.getBroadcastState(DEFINITIONS).put(keyOf(funnel.tenant(), funnel.funnelId()), funnel);
        activeByTenant.clear();
        LOG.info(
                "funnel {} of tenant {} {}: {} steps, window {} ms",
                funnel.funnelId(),
                funnel.tenant(),
                funnel.active() ? "active" : "withdrawn",
                funnel.steps().size(),
                funnel.windowMillis());
    }

    /** The tenant's active funnels, by funnel id: published ones over the default. */
    private List<FunnelDefinition> active(
            String tenant, ReadOnlyBroadcastState<String, FunnelDefinition> definitions)
            throws Exception {
        List<FunnelDefinition> cached = activeByTenant.get(tenant);
        if (cached != null) {
            return cached;
        }
        Map<String, FunnelDefinition> byId = new LinkedHashMap<>();
        byId.put(DefaultFunnels.SALES_ID, DefaultFunnels.sales(tenant));
        for (Map.Entry<String, FunnelDefinition> e : definitions.immutableEntries()) {
            FunnelDefinition f = e.getValue();
            if (tenant.equals(f.tenant())) {
                byId.put(f.funnelId(), f);
            }
        }
        List<FunnelDefinition> active = new ArrayList<>();
        for (FunnelDefinition f : byId.values()) {
            if (f.active()) {
                active.add(f);
            }
        }
        activeByTenant.put(tenant, List.copyOf(active));
        return activeByTenant.get(tenant);
    }

    static String keyOf(String tenant, String funnelId) {
        return tenant + "\u001f" + funnelId;
    }
}
