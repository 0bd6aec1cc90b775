package io.ringstream.flink.sla.kpi.operators;

import io.ringstream.analytics.kpi.ContactKpiState;
import io.ringstream.analytics.kpi.ContactKpiTracker;
import io.ringstream.analytics.kpi.KpiFact;
import io.ringstream.events.ContactEvent;
import io.ringstream.flink.kit.state.CleanupTimer;
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
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * KPI step 1 for contacts: applies each contact's events to {@link ContactKpiTracker} in event-time
 * order (buffered until the watermark passes them) and emits the resulting queue facts. Keyed by
 * tenant and contact.
 *
 * <p>State lifetime: the buffer empties as the watermark passes; the tracker state is cleared by an
 * event-time timer a linger after ENDED (max of ENDED and the latest event), or after a period of
 * inactivity for contacts that never end; a contact still waiting then leaves its queue. Events
 * that arrive after the watermark passed them (late) are applied at once, out of order, and counted
 * in the {@code lateContactEvents} metric.
 */
public class ContactFactsFunction extends KeyedProcessFunction<String, ContactEvent, KpiFact> {
    private static final long serialVersionUID = 1L;

    private final ContactKpiTracker tracker = new ContactKpiTracker();
    private final long lingerMillis;
    private final long inactivityMillis;

    private transient EventTimeBuffer<ContactEvent> buffer;
    private transient ValueState<ContactKpiState> contact;
    private transient CleanupTimer cleanup;
    private transient Counter late;

    public ContactFactsFunction(Duration lingerAfterEnd, Duration inactivity) {
        this.lingerMillis = lingerAfterEnd.toMillis();
        this.inactivityMillis = inactivity.toMillis();
    }

    /** Contact ids are unique per tenant only. */
    public static String keyOf(ContactEvent e) {
        return e.tenant() + '\u001f' + e.contactId();
    }

    @Override
    public void open(OpenContext openContext) {
        MapState<Long, List<ContactEvent>> pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(ContactEvent.class))));
        buffer = new EventTimeBuffer<>(pending);
        contact =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("contact", ContactKpiState.class));
        cleanup = CleanupTimer.open(getRuntimeContext(), "cleanupAt");
        late = getRuntimeContext().getMetricGroup().counter("lateContactEvents");
    }

    @Override
    public void processElement(ContactEvent e, Context ctx, Collector<KpiFact> out)
            throws Exception {
        if (e.eventTime() > ctx.timerService().currentWatermark()) {
            if (buffer.add(e.eventTime(), e)) {
                ctx.timerService().registerEventTimeTimer(e.eventTime());
            }
            return;
        }
        late.inc();
        ContactKpiState state = stateOrNew();
        tracker.apply(state, e).forEach(out::collect);
        save(state, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KpiFact> out)
            throws Exception {
        List<ContactEvent> due =
                buffer.drain(ctx.timerService().currentWatermark(), ContactKpiTracker.ORDER);
        if (!due.isEmpty()) {
            ContactKpiState state = stateOrNew();
            for (ContactEvent e : due) {
                tracker.apply(state, e).forEach(out::collect);
            }
            save(state, ctx.timerService());
            return;
        }
        if (cleanup.firesAt(timestamp) && buffer.isEmpty()) {
            ContactKpiState state = contact.value();
            if (state != null) {
                String[] key = ctx.getCurrentKey().split("\u001f", 2);
                tracker.expire(state, key[0], key[1], timestamp).forEach(out::collect);
            }
            contact.clear();
            cleanup.clear();
        }
    }

    private ContactKpiState stateOrNew() throws Exception {
        ContactKpiState state = contact.value();
        return state == null ? new ContactKpiState() : state;
    }

    private void save(ContactKpiState state, org.apache.flink.streaming.api.TimerService timers)
            throws Exception {
        contact.update(state);
        long due =
                state.endedAt != null
                        ? Math.max(state.endedAt, state.lastEventTime) + lingerMillis
                        : state.lastEventTime + inactivityMillis;
        cleanup.moveTo(due, timers);
    }
}
