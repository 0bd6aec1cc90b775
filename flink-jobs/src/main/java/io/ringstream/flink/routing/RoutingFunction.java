package io.ringstream.flink.routing;

import io.ringstream.events.Assignment;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.RoutingStatus;
import io.ringstream.flink.kit.kafka.DeadLetterSplitter;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The routing operator, keyed by tenant: keeps each tenant's {@link TenantRouting} in keyed state,
 * applies inputs through {@link TenantRouter} at processing time, and uses processing-time timers
 * for everything time-driven (offer timeouts, wrap-up ends, step relaxation at the engine's next
 * deadline; throttled status snapshots and their heartbeat). Main output: assignments. Side
 * outputs: status snapshots, decision rows, dead letters.
 *
 * <p>State lifetime: a tenant's value lives while it has agents, contacts or CRM facts; once all
 * are gone a last snapshot is published and the value is cleared. Timers are part of the
 * checkpoint; after a restore the overdue ones fire at once.
 */
public class RoutingFunction extends KeyedProcessFunction<String, RoutingInput, Assignment> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<RoutingStatus> STATUS =
            new OutputTag<>("routing-status", TypeInformation.of(RoutingStatus.class));
    public static final OutputTag<DecisionRow> DECISIONS =
            new OutputTag<>("routing-decisions", TypeInformation.of(DecisionRow.class));
    public static final OutputTag<DeadLetter> DEAD_LETTERS = DeadLetterSplitter.DEAD_LETTERS;

    private final RoutingSettings settings;

    private transient ValueState<TenantRouting> tenants;
    // The engine wrapper of each tenant's current state object, to avoid rebuilding it per input;
    // rebuilt whenever the backend hands out a different object (restore, copy-on-write).
    private transient Map<String, TenantRouter> routers;
    private transient Counter decisions;

    public RoutingFunction(RoutingSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        tenants =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "tenant-routing", TenantRoutingSerializer.INSTANCE));
        routers = new HashMap<>();
        decisions = getRuntimeContext().getMetricGroup().counter("routingDecisions");
    }

    @Override
    public void processElement(RoutingInput input, Context ctx, Collector<Assignment> out)
            throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        TenantRouter router = router(ctx.getCurrentKey());
        RoutingOutputs outputs = router.apply(input, now);
        emit(outputs, ctx, out);
        settle(router, outputs.changed(), now, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Assignment> out)
            throws Exception {
        TenantRouting current = tenants.value();
        if (current == null) {
            return; // cleared after the tenant went idle; a leftover timer
        }
        long now = ctx.timerService().currentProcessingTime();
        TenantRouter router = router(ctx.getCurrentKey());
        if (router.state().timerAt <= now) {
            router.state().timerAt = Long.MAX_VALUE;
        }
        RoutingOutputs outputs = router.advance(now);
        emit(outputs, ctx, out);
        settle(router, outputs.changed(), now, ctx);
    }

    private TenantRouter router(String tenant) throws Exception {
        TenantRouting value = tenants.value();
        TenantRouter router = routers.get(tenant);
        if (value == null) {
            value = new TenantRouting(settings.customersLimit());
            router = null;
        }
        if (router == null || !router.wraps(value)) {
            router = new TenantRouter(tenant, value, settings);
            routers.put(tenant, router);
        }
        return router;
    }

    private void emit(RoutingOutputs outputs, Context ctx, Collector<Assignment> out) {
        outputs.assignments().forEach(out::collect);
        outputs.decisions()
                .forEach(
                        d -> {
                            decisions.inc();
                            ctx.output(DECISIONS, d);
                        });
        outputs.deadLetters().forEach(d -> ctx.output(DEAD_LETTERS, d));
    }

    /**
     * Publishes a status snapshot when due, clears an idle tenant, and schedules the next timer:
     * the engine's next deadline or the next snapshot, whichever is first.
     */
    private void settle(TenantRouter router, boolean changed, long now, Context ctx)
            throws Exception {
        TenantRouting state = router.state();
        String tenant = ctx.getCurrentKey();
        if (changed) {
            state.dirty = true;
        }
        long interval = settings.statusInterval().toMillis();
        long heartbeat = settings.statusHeartbeat().toMillis();
        boolean due =
                (state.dirty && now - state.lastStatusAt >= interval)
                        || now - state.lastStatusAt >= heartbeat;
        if (due) {
            ctx.output(
                    STATUS,
                    StatusSnapshots.build(
                            tenant,
                            router,
                            now,
                            ++state.statusSequence,
                            settings.statusContactsLimit()));
            state.lastStatusAt = now;
            state.dirty = false;
        }
        boolean empty = router.idle();
        if (empty && !state.dirty && state.customers.isEmpty() && state.preferSenior.isEmpty()) {
            tenants.clear();
            routers.remove(tenant);
            return;
        }
        OptionalLong deadline = router.nextDeadline();
        long next = Long.MAX_VALUE;
        if (state.dirty || !empty) {
            // A tenant with nothing to route (only CRM facts) gets no heartbeat.
            next = state.lastStatusAt + (state.dirty ? interval : heartbeat);
        }
        if (deadline.isPresent()) {
            next = Math.min(next, deadline.getAsLong());
        }
        if (next == Long.MAX_VALUE) {
            tenants.update(state);
            return;
        }
        next = Math.max(next, now + 1);
        if (next < state.timerAt) {
            ctx.timerService().registerProcessingTimeTimer(next);
            state.timerAt = next;
        }
        tenants.update(state);
    }
}
