package io.ringstream.flink.conversion.value;

import io.ringstream.events.BusinessEvent;
import io.ringstream.events.CustomerChange;
import io.ringstream.events.CustomerChangeType;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.serde.EventSerde;
import io.ringstream.events.topics.Components;
import io.ringstream.events.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The gate's operator, keyed by {@code tenant|customerId}: the customer's status from customer
 * changes, and the business events waiting for a first change.
 *
 * <p>Events routing-service published (source {@code routing-service}) pass without a change: it
 * resolves the customer in PostgreSQL before it publishes. The wait and the dead letter are for
 * other producers on the topic. An erasure or merge seen here still applies to every event.
 *
 * <p>State lifetime. {@code status} is the known set and lives as long as the job's state: one
 * short string per customer ever named by a change ({@code K} known, {@code E} erased, {@code M} +
 * survivor when merged away). {@code pending} holds the business events of a customer not yet
 * known, as JSON, for at most the grace: the processing-time timer at the first one's arrival +
 * grace releases them on a change or dead-letters them, and clears it.
 */
public class CustomerGateFunction
        extends KeyedCoProcessFunction<String, BusinessEvent, CustomerChange, BusinessEvent> {
    private static final long serialVersionUID = 1L;

    static final String KNOWN = "K";
    static final String ERASED = "E";
    static final String MERGED = "M";

    /** The reason's prefix for a customer no change named within the grace. */
    public static final String UNKNOWN_CUSTOMER = "unknown-customer";

    /** The reason's prefix for an erased customer. */
    public static final String CUSTOMER_ERASED = "customer-erased";

    private static final EventSerde<BusinessEvent> SERDE = EventSerde.of(BusinessEvent.class);

    private final long graceMillis;

    private transient ValueState<String> status;
    private transient ListState<String> pending;
    private transient ValueState<Long> releaseAt;
    private transient Counter refused;

    public CustomerGateFunction(Duration grace) {
        this.graceMillis = grace.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        status =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("customer-status", Types.STRING));
        pending =
                getRuntimeContext()
                        .getListState(new ListStateDescriptor<>("pending-events", Types.STRING));
        releaseAt =
                getRuntimeContext().getState(new ValueStateDescriptor<>("release-at", Types.LONG));
        refused = getRuntimeContext().getMetricGroup().counter("gateDeadLetters");
    }

    @Override
    public void processElement1(BusinessEvent event, Context ctx, Collector<BusinessEvent> out)
            throws Exception {
        String s = status.value();
        if (s != null) {
            pass(s, event, ctx, out);
            return;
        }
        if (Components.ROUTING_SERVICE.equals(event.source())) {
            // The customer records' own service resolved this customer in PostgreSQL before it
            // published the event (an unknown one is answered 404 there), so it needs no change
            // seen here: this is what keeps a job started without state, after the 7 days that
            // customer-changes keeps, from refusing the bookings of older customers.
            out.collect(event);
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        if (graceMillis == 0) {
            ctx.output(CustomerGate.DEAD_LETTERS, unknown(event, now));
            refused.inc();
            return;
        }
        pending.add(SERDE.toJson(event));
        if (releaseAt.value() == null) {
            long at = now + graceMillis;
            releaseAt.update(at);
            ctx.timerService().registerProcessingTimeTimer(at);
        }
    }

    @Override
    public void processElement2(CustomerChange change, Context ctx, Collector<BusinessEvent> out)
            throws Exception {
        String before = status.value();
        String after;
        if (change.type() == CustomerChangeType.ERASED) {
            after = ERASED;
        } else if (ERASED.equals(before)) {
            after = ERASED; // erasure is final: a late change does not bring the customer back
        } else if (change.type() == CustomerChangeType.MERGED) {
            after = MERGED + change.mergedInto();
        } else if (before != null && before.startsWith(MERGED)) {
            after = before; // a merged-away id keeps redirecting
        } else {
            after = KNOWN;
        }
        status.update(after);
        Iterable<String> waiting = pending.get();
        if (waiting != null) {
            for (String json : waiting) {
                pass(after, decode(json), ctx, out);
            }
        }
        clearPending(ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<BusinessEvent> out)
            throws Exception {
        Long at = releaseAt.value();
        if (at == null || at != timestamp) {
            return; // released by a change before the grace ended
        }
        List<String> waiting = new ArrayList<>();
        pending.get().forEach(waiting::add);
        for (String json : waiting) {
            ctx.output(CustomerGate.DEAD_LETTERS, unknown(decode(json), timestamp));
            refused.inc();
        }
        pending.clear();
        releaseAt.clear();
    }

    private void pass(String s, BusinessEvent event, Context ctx, Collector<BusinessEvent> out) {
        if (s.equals(KNOWN)) {
            out.collect(event);
        } else if (s.startsWith(MERGED)) {
            out.collect(redirected(event, s.substring(MERGED.length())));
        } else {
            ctx.output(
                    CustomerGate.DEAD_LETTERS,
                    letter(
                            CUSTOMER_ERASED
                                    + ": customer "
                                    + event.customerId()
                                    + " of tenant "
                                    + event.tenant()
                                    + " was erased",
                            event,
                            ctx.timerService().currentProcessingTime()));
            refused.inc();
        }
    }

    private void clearPending(Context ctx) throws Exception {
        Long at = releaseAt.value();
        if (at != null) {
            ctx.timerService().deleteProcessingTimeTimer(at);
        }
        pending.clear();
        releaseAt.clear();
    }

    private DeadLetter unknown(BusinessEvent event, long now) {
        return letter(
                UNKNOWN_CUSTOMER
                        + ": no customer change named customer "
                        + event.customerId()
                        + " of tenant "
                        + event.tenant()
                        + " within "
                        + Duration.ofMillis(graceMillis).toSeconds()
                        + " s",
                event,
                now);
    }

    private static DeadLetter letter(String reason, BusinessEvent event, long now) {
        return new DeadLetter(
                reason,
                Components.CONVERSION_JOB,
                DeadLetter.Origin.KAFKA,
                Topics.BUSINESS_EVENTS.name(),
                null,
                null,
                SERDE.toJson(event),
                now);
    }

    static BusinessEvent redirected(BusinessEvent e, String survivor) {
        return new BusinessEvent(
                e.schemaVersion(),
                e.eventId(),
                e.type(),
                e.tenant(),
                survivor,
                e.contactId(),
                e.eventTime(),
                e.source(),
                e.leadId(),
                e.stage(),
                e.amountMinor(),
                e.currency(),
                e.attributes());
    }

    private static BusinessEvent decode(String json) {
        return SERDE.deserialize(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
