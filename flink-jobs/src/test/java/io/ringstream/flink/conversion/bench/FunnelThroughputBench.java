package io.ringstream.flink.conversion.bench;

import io.ringstream.analytics.funnel.CustomerFunnels;
import io.ringstream.analytics.funnel.DefaultFunnels;
import io.ringstream.events.BusinessEvent;
import io.ringstream.events.BusinessEventType;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.FunnelDefinition;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.flink.conversion.funnel.FunnelInput;
import io.ringstream.flink.conversion.funnel.FunnelProgressFunction;
import io.ringstream.flink.conversion.funnel.FunnelProgressRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

/**
 * Funnel progress throughput with a million customers in state: the conversion job's keyed operator
 * ({@link FunnelProgressFunction}, heap state as in local mode) on one thread, so the figure is per
 * core, next to the reference in the same run: the same per-customer rules ({@link
 * CustomerFunnels}) over a plain {@link HashMap} of the same snapshots, i.e. the work without
 * Flink. Also prints the state per customer: the snapshot bytes the operator keeps (what a
 * checkpoint writes, before Flink's key and value framing).
 *
 * <p>Load: every customer first gets a lead (the default sales funnel's step 1, so each has a
 * running attempt in state); then a measured phase of events on random customers: answered calls
 * (the funnel's "contacted" and an agent touch), a CONTACTED stage change (no step of the default
 * funnel: the operator reads and drops it), a quote, bookings and payments, in event-time order per
 * customer. Not a test: it prints numbers. Run: see docs/benchmarks.md.
 *
 * <p>Arguments: customers (1,000,000), measured events (1,000,000), seed (11).
 */
public final class FunnelThroughputBench {
    private static final String TENANT = "bench";
    private static final long T0 = 1_767_225_600_000L;
    private static final Duration LATENESS = Duration.ofHours(1);

    private FunnelThroughputBench() {}

    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 11L;

        List<RingstreamEvent> leads = new ArrayList<>(customers);
        for (int c = 0; c < customers; c++) {
            leads.add(lead(c, T0 + c));
        }
        List<RingstreamEvent> measured = measured(customers, events, seed);

        // Warm-up: both paths once on a slice, so neither is measured cold.
        int warm = Math.min(customers, 50_000);
        List<RingstreamEvent> warmLeads = leads.subList(0, warm);
        List<RingstreamEvent> warmEvents = measured(warm, Math.min(events, 100_000), seed + 1);
        reference(warmLeads, warmEvents);
        operator(warmLeads, warmEvents);

        // Each path twice, alternating, and the second of each reported: neither gains from
        // going second (JIT profiles, a heap already grown).
        reference(leads, measured);
        operator(leads, measured);
        Result reference = reference(leads, measured);
        Result operator = operator(leads, measured);
        print("reference (rules, HashMap)", customers, reference);
        print("operator (Flink harness)", customers, operator);
        System.out.printf(
                Locale.ROOT,
                "operator / reference: %.0f%% of the reference's rate%n",
                100.0 * operator.eventsPerSecond() / reference.eventsPerSecond());
    }

    /** The measured events: each on a random customer, each customer's in increasing time. */
    private static List<RingstreamEvent> measured(int customers, int events, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] clock = new long[customers];
        int[] progress = new int[customers];
        List<RingstreamEvent> out = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            int c = random.nextInt(customers);
            clock[c] += 60_000 + random.nextInt(3_600_000);
            long at = T0 + 1_000_000L + clock[c];
            out.add(
                    switch (progress[c]++ % 6) {
                        case 0 -> answered(c, at, i);
                        case 1 -> stage(c, "CONTACTED", at, i);
                        case 2 -> answered(c, at, i);
                        case 3 -> stage(c, "QUOTED", at, i);
                        case 4 -> money(c, BusinessEventType.BOOKING_MADE, at, i);
                        default -> money(c, BusinessEventType.PAYMENT_COMPLETED, at, i);
                    });
        }
        return out;
    }

    private static Result reference(List<RingstreamEvent> leads, List<RingstreamEvent> measured) {
        Map<String, byte[]> state = new HashMap<>();
        List<FunnelDefinition> active = List.of(DefaultFunnels.sales(TENANT));
        long lateness = LATENESS.toMillis();
        for (RingstreamEvent e : leads) {
            apply(state, e, active, lateness);
        }
        long bytes = 0;
        for (byte[] b : state.values()) {
            bytes += b.length;
        }
        long start = System.nanoTime();
        long updates = 0;
        for (RingstreamEvent e : measured) {
            updates += apply(state, e, active, lateness);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long after = 0;
        for (byte[] b : state.values()) {
            after += b.length;
        }
        return new Result(
                measured.size() / seconds,
                updates,
                (double) bytes / state.size(),
                (double) after / state.size());
    }

    private static int apply(
            Map<String, byte[]> state,
            RingstreamEvent e,
            List<FunnelDefinition> active,
            long lateness) {
        String customer = customerOf(e);
        byte[] stored = state.get(customer);
        CustomerFunnels funnels =
                stored == null ? CustomerFunnels.empty(customer) : CustomerFunnels.restore(stored);
        int updates = funnels.apply(e, active, lateness).updates().size();
        state.put(customer, funnels.snapshot());
        return updates;
    }

    private static Result operator(List<RingstreamEvent> leads, List<RingstreamEvent> measured)
            throws Exception {
        try (KeyedBroadcastOperatorTestHarness<
                        String, FunnelInput, FunnelDefinition, FunnelProgressRow>
                harness =
                        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                                new FunnelProgressFunction(LATENESS),
                                FunnelInput::key,
                                Types.STRING,
                                FunnelProgressFunction.DEFINITIONS)) {
            harness.processBroadcastWatermark(Long.MAX_VALUE);
            for (RingstreamEvent e : leads) {
                harness.processElement(new StreamRecord<>(input(e), e.eventTime()));
            }
            harness.getOutput().clear();
            long start = System.nanoTime();
            long updates = 0;
            int sinceDrain = 0;
            for (RingstreamEvent e : measured) {
                harness.processElement(new StreamRecord<>(input(e), e.eventTime()));
                if (++sinceDrain == 10_000) {
                    // The harness keeps every output; count and drop them as a sink would.
                    updates += harness.getOutput().size();
                    harness.getOutput().clear();
                    sinceDrain = 0;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            updates += harness.getOutput().size();
            return new Result(measured.size() / seconds, updates, Double.NaN, Double.NaN);
        }
    }

    private static FunnelInput input(RingstreamEvent e) {
        return e instanceof BusinessEvent b ? FunnelInput.of(b) : FunnelInput.of((ContactEvent) e);
    }

    private static String customerOf(RingstreamEvent e) {
        return e instanceof BusinessEvent b ? b.customerId() : ((ContactEvent) e).customerId();
    }

    private static String customer(int c) {
        return "customer-" + c;
    }

    private static BusinessEvent lead(int c, long at) {
        return business(
                c, BusinessEventType.LEAD_CREATED, null, at, "lead-" + c, Map.of("campaign", "x"));
    }

    private static BusinessEvent stage(int c, String stage, long at, int i) {
        return business(c, BusinessEventType.STAGE_CHANGED, stage, at, "e-" + i, Map.of());
    }

    private static BusinessEvent money(int c, BusinessEventType type, long at, int i) {
        return business(c, type, null, at, "e-" + i, Map.of());
    }

    private static BusinessEvent business(
            int c,
            BusinessEventType type,
            String stage,
            long at,
            String id,
            Map<String, String> attributes) {
        boolean money =
                type == BusinessEventType.BOOKING_MADE
                        || type == BusinessEventType.PAYMENT_COMPLETED;
        return new BusinessEvent(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                id,
                type,
                TENANT,
                customer(c),
                null,
                at,
                "bench",
                "lead-" + c,
                stage,
                money ? 12_000L : null,
                money ? "EUR" : null,
                attributes);
    }

    private static ContactEvent answered(int c, long at, int i) {
        return ContactEvent.builder(ContactEventType.ANSWERED, "contact-" + i)
                .eventId("e-" + i)
                .tenant(TENANT)
                .channel(Channel.VOICE)
                .eventTime(at)
                .source("bench")
                .queue("sales")
                .agentId("agent-" + (i % 50))
                .customerId(customer(c))
                .waitMillis(1_000L)
                .build();
    }

    private static void print(String what, int customers, Result r) {
        System.out.printf(
                Locale.ROOT,
                "%-28s %,d customers in state: %,.0f events/s on one core, %,d progress rows%s%n",
                what,
                customers,
                r.eventsPerSecond(),
                r.updates(),
                Double.isNaN(r.bytesPerCustomer())
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                "; state per customer: %.0f bytes after the lead, %.0f after"
                                        + " the measured events",
                                r.bytesPerCustomer(),
                                r.bytesAfter()));
    }

    private record Result(
            double eventsPerSecond, long updates, double bytesPerCustomer, double bytesAfter) {}
}
