package io.ringstream.flink.operators;

import io.ringstream.events.ContactEvent;
import io.ringstream.flink.kit.state.CleanupTimer;
import io.ringstream.flink.stats.ContactState;
import io.ringstream.flink.stats.ContactTracker;
import io.ringstream.flink.stats.QueueDelta;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Step 1 of the queue statistics: keeps each contact's {@link ContactState} in Flink state and
 * emits the {@link QueueDelta}s that {@link ContactTracker} computes. Keyed by tenant and contact.
 *
 * <p>State lifetime. A contact that never joined a queue stores nothing. Otherwise its state lives
 * until one event-time timer fires:
 *
 * <ul>
 *   <li>after ENDED: at {@code max(ENDED time, latest event time) + lingerAfterEnd}, so a
 *       TALK_ENDED that arrives after ENDED (within the out-of-orderness bound) is still
 *       attributed, and an event re-sent after the contact ended is still recognized as a
 *       duplicate;
 *   <li>for contacts that never end (lost ENDED, a crashed PBX): at latest event time + {@code
 *       inactivityTimeout}.
 * </ul>
 *
 * Only one timer exists per contact: each event moves it. An event that arrives after the state was
 * cleared starts from nothing: a TALK_ENDED then finds no answered stay and counts nothing, a
 * replayed QUEUED would count again. The linger therefore bounds how late a duplicate may arrive.
 */
public class ContactTrackingFunction
        extends KeyedProcessFunction<String, ContactEvent, QueueDelta> {
    private static final long serialVersionUID = 1L;

    private final ContactTracker tracker;
    private final long lingerAfterEndMillis;
    private final long inactivityTimeoutMillis;

    private transient ValueState<ContactState> contact;
    private transient CleanupTimer cleanup;

    public ContactTrackingFunction(
            ContactTracker tracker, Duration lingerAfterEnd, Duration inactivityTimeout) {
        this.tracker = tracker;
        this.lingerAfterEndMillis = lingerAfterEnd.toMillis();
        this.inactivityTimeoutMillis = inactivityTimeout.toMillis();
    }

    /** The key contacts are partitioned by: contact ids are unique per tenant only. */
    public static String keyOf(ContactEvent event) {
        return event.tenant() + '\u001f' + event.contactId();
    }

    @Override
    public void open(OpenContext openContext) {
        contact =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("contact", ContactState.class));
        cleanup = CleanupTimer.open(getRuntimeContext(), "cleanupAt");
    }

    @Override
    public void processElement(ContactEvent event, Context ctx, Collector<QueueDelta> out)
            throws Exception {
        ContactState state = contact.value();
        if (state == null) {
            state = new ContactState();
        }
        for (QueueDelta delta : tracker.apply(state, event)) {
            out.collect(delta);
        }
        if (!state.hasVisits()) {
            return;
        }
        contact.update(state);
        long due =
                state.ended()
                        ? Math.max(state.endedAt, state.lastEventTime) + lingerAfterEndMillis
                        : state.lastEventTime + inactivityTimeoutMillis;
        cleanup.moveTo(due, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<QueueDelta> out)
            throws Exception {
        if (cleanup.firesAt(timestamp)) {
            contact.clear();
            cleanup.clear();
        }
    }
}
