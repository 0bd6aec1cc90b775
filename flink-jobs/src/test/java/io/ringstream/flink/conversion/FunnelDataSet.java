package io.ringstream.flink.conversion;

import io.ringstream.analytics.funnel.DefaultFunnels;
import io.ringstream.events.BusinessEvent;
import io.ringstream.events.BusinessEventType;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.CustomerChange;
import io.ringstream.events.FunnelDefinition;
import io.ringstream.events.FunnelDefinition.Attribution;
import io.ringstream.events.FunnelDefinition.EventKind;
import io.ringstream.events.FunnelDefinition.OrderMode;
import io.ringstream.events.FunnelDefinition.Step;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.flink.conversion.value.ValueFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A seeded, deterministic funnel data set for the windowFunnel oracle tests: thousands of customers
 * whose business and contact events hit the funnel rules' corners (equal times, the window's
 * inclusive boundary and one second past it, repeated steps, re-entry after the window, attribute
 * filters, contact steps), published out of order within the job's lateness, plus a few customers
 * with events beyond it, which the job must leave out.
 *
 * <p>The job decides lateness per customer in arrival order ("older than the customer's newest
 * event minus funnelLateness"), and arrival order is only fixed inside one Kafka partition. So the
 * set is built for a lateness ({@link #LATENESS}) longer than any ordinary customer's span of
 * events (nothing of theirs can be late in any interleaving), and every late event follows, on the
 * business topic under the same key, the business event that makes it late. {@link #generate}
 * checks that, so the late marks are facts, not guesses.
 */
final class FunnelDataSet {
    static final long SECOND = 1_000L;
    static final long HOUR = 3_600_000L;
    static final long DAY = 86_400_000L;

    /** 2026-01-01T00:00:00Z: every event time is a whole second after it. */
    static final long T0 = 1_767_225_600_000L;

    /** The job's funnelLateness for this set: longer than any ordinary customer's span. */
    static final Duration LATENESS = Duration.ofDays(150);

    private static final long L = LATENESS.toMillis();
    private static final long MAX_SPAN = 120 * DAY;
    private static final long SALES_WINDOW = DefaultFunnels.SALES.windowMillis();
    private static final long WEB_WINDOW = 7 * DAY;
    private static final String[] CAMPAIGNS = {"spring", "summer", "referral"};

    /** The order rows are fed to the tracker, to windowFunnel and, per the plan, in the job. */
    static final Comparator<RingstreamEvent> TIE_ORDER =
            Comparator.comparingLong(RingstreamEvent::eventTime)
                    .thenComparing(RingstreamEvent::eventId);

    /**
     * One generated event.
     *
     * @param publishKey where it goes in the publishing order (its event time, later for events
     *     published out of order)
     * @param late whether the job must leave it out (older than the customer's newest event,
     *     published before it, minus {@link #LATENESS})
     */
    record Item(RingstreamEvent event, String customerId, long publishKey, int seq, boolean late) {}

    final String tenant;
    final List<String> customers;
    final List<FunnelDefinition> orderedFunnels;
    final FunnelDefinition strictFunnel;
    private final List<Item> items;
    private final Map<String, List<Item>> byCustomer;

    private FunnelDataSet(String tenant, List<String> customers, List<Item> items) {
        this.tenant = tenant;
        this.customers = List.copyOf(customers);
        this.orderedFunnels =
                List.of(
                        DefaultFunnels.sales(tenant),
                        web(tenant, OrderMode.ORDERED),
                        stageSales(tenant));
        this.strictFunnel = web(tenant, OrderMode.STRICT);
        this.items = List.copyOf(items);
        this.byCustomer =
                items.stream()
                        .filter(i -> i.customerId() != null)
                        .collect(
                                Collectors.groupingBy(
                                        Item::customerId, LinkedHashMap::new, Collectors.toList()));
    }

    /**
     * The sales funnel as a booking system that reports a CONTACTED stage would define it: only
     * business events, so the late customers' chain (all on the business topic, ordered after their
     * anchor) shows what the late events would have done.
     */
    static FunnelDefinition stageSales(String tenant) {
        return FunnelDefinition.of(
                "funnel-stage-sales-" + tenant,
                tenant,
                T0,
                "it",
                "stage-sales",
                "Sales by stages",
                List.of(
                        Step.business("lead created", BusinessEventType.LEAD_CREATED),
                        Step.stage("contacted", "CONTACTED"),
                        Step.stage("quoted", "QUOTED"),
                        Step.business("booked", BusinessEventType.BOOKING_MADE),
                        Step.business("paid", BusinessEventType.PAYMENT_COMPLETED)),
                java.time.Duration.ofMillis(SALES_WINDOW),
                OrderMode.ORDERED,
                Attribution.LAST_TOUCH);
    }

    /**
     * A custom ORDERED (or STRICT) funnel with a contact step and attribute filters on business and
     * contact events: a web-form lead, a call about a quote, a quote, a premium booking, within 7
     * days.
     */
    static FunnelDefinition web(String tenant, OrderMode mode) {
        String id = mode == OrderMode.STRICT ? "web-sales-strict" : "web-sales";
        return FunnelDefinition.of(
                "funnel-" + id + "-" + tenant,
                tenant,
                T0,
                "it",
                id,
                "Web sales " + mode.name().toLowerCase(java.util.Locale.ROOT),
                List.of(
                        new Step(
                                "web lead",
                                EventKind.BUSINESS,
                                BusinessEventType.LEAD_CREATED.name(),
                                null,
                                Map.of("sourceChannel", "web-form")),
                        new Step(
                                "quote call",
                                EventKind.CONTACT,
                                ContactEventType.ANSWERED.name(),
                                null,
                                Map.of("topic", "quote")),
                        Step.stage("quoted", "QUOTED"),
                        new Step(
                                "premium booked",
                                EventKind.BUSINESS,
                                BusinessEventType.BOOKING_MADE.name(),
                                null,
                                Map.of("product", "premium"))),
                Duration.ofMillis(WEB_WINDOW),
                mode,
                Attribution.LAST_TOUCH);
    }

    /** Every event in publishing order (ordered within each customer's partitions as needed). */
    List<Item> items() {
        return items;
    }

    /** The events of one customer that the funnels see, late ones included, in tie order. */
    List<RingstreamEvent> eventsOf(String customer) {
        return sorted(byCustomer.getOrDefault(customer, List.of()), false);
    }

    /** The events of one customer the job applies (late ones left out), in tie order. */
    List<RingstreamEvent> appliedEventsOf(String customer) {
        return sorted(byCustomer.getOrDefault(customer, List.of()), true);
    }

    Set<String> lateEventIds() {
        return items.stream()
                .filter(Item::late)
                .map(i -> i.event().eventId())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** Customers with at least one late event. */
    Set<String> lateCustomers() {
        return items.stream()
                .filter(Item::late)
                .map(Item::customerId)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    List<BusinessEvent> businessEvents() {
        return items.stream()
                .map(Item::event)
                .filter(BusinessEvent.class::isInstance)
                .map(BusinessEvent.class::cast)
                .toList();
    }

    List<ContactEvent> contactEvents() {
        return items.stream()
                .map(Item::event)
                .filter(ContactEvent.class::isInstance)
                .map(ContactEvent.class::cast)
                .toList();
    }

    /** A CREATED change for every customer: business events pass the job's customer gate. */
    List<CustomerChange> creations() {
        return customers.stream().map(c -> ValueFixtures.created(tenant, c)).toList();
    }

    private static List<RingstreamEvent> sorted(List<Item> items, boolean withoutLate) {
        List<RingstreamEvent> events = new ArrayList<>();
        for (Item i : items) {
            if (!(withoutLate && i.late())) {
                events.add(i.event());
            }
        }
        events.sort(TIE_ORDER);
        return events;
    }

    /**
     * The data set.
     *
     * @param withLate whether some customers (about 2%) also get events beyond the lateness
     */
    static FunnelDataSet generate(String tenant, long seed, int customerCount, boolean withLate) {
        Generator g = new Generator(tenant, new Random(seed));
        List<String> customers = new ArrayList<>();
        for (int n = 0; n < customerCount; n++) {
            String customer = String.format("cust-%05d", n);
            customers.add(customer);
            if (withLate && g.random.nextDouble() < 0.02) {
                g.lateCustomer(customer);
            } else {
                g.ordinaryCustomer(customer);
            }
        }
        List<Item> items = g.publishOrder();
        return new FunnelDataSet(tenant, customers, items);
    }

    /** Builds the events; one per data set. */
    private static final class Generator {
        final String tenant;
        final Random random;
        final Set<String> ids = new HashSet<>();
        final List<Item> drafts = new ArrayList<>();
        int seq;
        int contacts;

        Generator(String tenant, Random random) {
            this.tenant = tenant;
            this.random = random;
        }

        /**
         * Episodes of lead → (quote call, contacted in either order) → quoted → booked → paid,
         * dropping off anywhere, with ties, boundary hits, repeats, noise and re-entries, all
         * within {@link #MAX_SPAN}.
         */
        void ordinaryCustomer(String customer) {
            long start = T0 + seconds(200 * DAY);
            List<Item> mine = new ArrayList<>();
            if (chance(0.04)) {
                // No lead at all: later steps and calls alone never enter a funnel.
                for (String kind : List.of("CONTACTED", "CALL", "QUOTED", "BOOKED", "NOISE")) {
                    if (chance(0.7)) {
                        mine.add(step(customer, kind, start + seconds(20 * DAY)));
                    }
                }
                drafts.addAll(mine);
                return;
            }
            long epStart = start;
            int episodes = 1 + (chance(0.3) ? 1 : 0) + (chance(0.08) ? 1 : 0);
            for (int e = 0; e < episodes; e++) {
                long last = episode(customer, epStart, mine);
                long window = chance(0.5) ? WEB_WINDOW : SALES_WINDOW;
                // Re-entry: right after the first lead's window (exactly at its end, one second
                // later, or some days later), or again within it (a repeated step 1).
                epStart =
                        switch (random.nextInt(4)) {
                            case 0 -> epStart + window;
                            case 1 -> epStart + window + SECOND;
                            case 2 -> epStart + window + seconds(5 * DAY);
                            default -> last + seconds(30 * DAY);
                        };
            }
            // Handled calls about other things, and calls of unidentified callers (no customer).
            int calls = random.nextInt(3);
            for (int c = 0; c < calls; c++) {
                mine.add(
                        contact(
                                customer,
                                start + seconds(40 * DAY),
                                chance(0.5) ? "support" : null));
            }
            if (chance(0.1)) {
                mine.add(contact(null, start + seconds(10 * DAY), "quote"));
            }
            for (Item i : mine) {
                if (i.event().eventTime() - start <= MAX_SPAN) {
                    drafts.add(outOfOrder(i));
                }
            }
        }

        /** One episode from {@code epStart}; returns its last event's time. */
        long episode(String customer, long epStart, List<Item> into) {
            // The intended path, both funnels' steps interleaved.
            boolean callFirst = chance(0.5);
            List<String> path = new ArrayList<>();
            path.add("LEAD");
            path.add(callFirst ? "CALL" : "CONTACTED");
            path.add(callFirst ? "CONTACTED" : "CALL");
            path.add("QUOTED");
            path.add("BOOKED");
            path.add("PAID");
            int keep = 1 + random.nextInt(path.size());
            long window = chance(0.5) ? WEB_WINDOW : SALES_WINDOW;
            // Sometimes the furthest intended step lands on the window's end, or one second past.
            int boundaryAt = chance(0.25) ? keep - 1 : -1;
            long t = epStart;
            List<Item> made = new ArrayList<>();
            for (int k = 0; k < keep; k++) {
                if (k > 0) {
                    if (k == boundaryAt && epStart + window >= t) {
                        t = epStart + window + (chance(0.5) ? 0 : SECOND);
                    } else {
                        t += gap();
                    }
                }
                made.add(step(customer, path.get(k), t));
            }
            long last = t;
            // Repeats of steps already taken (a second lead restarts the window), and noise.
            int extras = random.nextInt(4);
            for (int x = 0; x < extras; x++) {
                long at = epStart + seconds(Math.max(SECOND, last - epStart + DAY));
                String kind =
                        switch (random.nextInt(4)) {
                            case 0 -> path.get(random.nextInt(keep));
                            case 1 -> "LEAD";
                            case 2 -> "NOISE";
                            default -> chance(0.5) ? "CALL" : "SUPPORT_CALL";
                        };
                // Some at the very time of an existing step: ties broken by event id.
                if (chance(0.3)) {
                    at = made.get(random.nextInt(made.size())).event().eventTime();
                }
                made.add(step(customer, kind, at));
                last = Math.max(last, at);
            }
            into.addAll(made);
            return last;
        }

        /** Mostly minutes to days; often zero (a tie); now and then weeks. */
        long gap() {
            double p = random.nextDouble();
            if (p < 0.15) {
                return 0;
            }
            if (p < 0.65) {
                return seconds(2 * HOUR);
            }
            if (p < 0.9) {
                return seconds(3 * DAY);
            }
            return seconds(25 * DAY);
        }

        Item step(String customer, String kind, long t) {
            return switch (kind) {
                case "LEAD" -> business(customer, BusinessEventType.LEAD_CREATED, null, t, lead());
                case "CONTACTED" ->
                        business(customer, BusinessEventType.STAGE_CHANGED, "CONTACTED", t, null);
                case "QUOTED" ->
                        business(customer, BusinessEventType.STAGE_CHANGED, "QUOTED", t, null);
                case "BOOKED" ->
                        business(
                                customer,
                                BusinessEventType.BOOKING_MADE,
                                null,
                                t,
                                Map.of("product", chance(0.7) ? "premium" : "basic"));
                case "PAID" ->
                        business(customer, BusinessEventType.PAYMENT_COMPLETED, null, t, null);
                case "NOISE" ->
                        business(customer, BusinessEventType.STAGE_CHANGED, "QUALIFIED", t, null);
                case "CALL" -> contact(customer, t, "quote");
                case "SUPPORT_CALL" -> contact(customer, t, "support");
                default -> throw new IllegalArgumentException(kind);
            };
        }

        Map<String, String> lead() {
            Map<String, String> attributes = new HashMap<>();
            if (chance(0.6)) {
                attributes.put("sourceChannel", "web-form");
            } else if (chance(0.5)) {
                attributes.put("sourceChannel", "phone");
            }
            if (chance(0.7)) {
                attributes.put("campaign", CAMPAIGNS[random.nextInt(CAMPAIGNS.length)]);
            }
            return attributes;
        }

        /**
         * A customer with events beyond the lateness: an anchor lead published first, then, on the
         * business topic under the same key, events exactly at anchor − lateness (applied), a chain
         * that would convert if it were applied, one second to hours older than that (late), and an
         * event out of order within the lateness (applied).
         */
        void lateCustomer(String customer) {
            long anchor = T0 + 200 * DAY + seconds(100 * DAY);
            long edge = anchor - L;
            List<Item> mine = new ArrayList<>();
            mine.add(business(customer, BusinessEventType.LEAD_CREATED, null, anchor, lead()));
            mine.add(contact(customer, anchor - HOUR, "quote"));
            List<Item> after = new ArrayList<>();
            after.add(
                    business(
                            customer,
                            BusinessEventType.LEAD_CREATED,
                            null,
                            edge,
                            Map.of("sourceChannel", "web-form")));
            after.add(business(customer, BusinessEventType.STAGE_CHANGED, "CONTACTED", edge, null));
            after.add(
                    business(
                            customer,
                            BusinessEventType.LEAD_CREATED,
                            null,
                            edge - 3 * HOUR,
                            Map.of("sourceChannel", "web-form", "campaign", "late")));
            after.add(
                    business(
                            customer,
                            BusinessEventType.STAGE_CHANGED,
                            "CONTACTED",
                            edge - 2 * HOUR,
                            null));
            after.add(
                    business(
                            customer,
                            BusinessEventType.STAGE_CHANGED,
                            "QUOTED",
                            edge - HOUR,
                            null));
            after.add(
                    business(
                            customer,
                            BusinessEventType.BOOKING_MADE,
                            null,
                            edge - SECOND,
                            Map.of("product", "premium")));
            after.add(
                    business(
                            customer,
                            BusinessEventType.STAGE_CHANGED,
                            "QUOTED",
                            anchor - 10 * DAY,
                            null));
            drafts.addAll(mine);
            long key = anchor;
            for (Item i : after) {
                key += SECOND;
                drafts.add(new Item(i.event(), customer, key, i.seq(), false));
            }
        }

        Item business(
                String customer,
                BusinessEventType type,
                String stage,
                long t,
                Map<String, String> attributes) {
            boolean money =
                    type == BusinessEventType.BOOKING_MADE
                            || type == BusinessEventType.PAYMENT_COMPLETED;
            BusinessEvent e =
                    new BusinessEvent(
                            RingstreamEvent.CURRENT_SCHEMA_VERSION,
                            id(),
                            type,
                            tenant,
                            customer,
                            null,
                            t,
                            "it",
                            "lead-" + customer,
                            stage,
                            money ? 12_000L : null,
                            money ? "EUR" : null,
                            attributes);
            return new Item(e, customer, t, seq++, false);
        }

        Item contact(String customer, long t, String topic) {
            String contactId = "ct-" + (++contacts);
            ContactEvent e =
                    ContactEvent.builder(ContactEventType.ANSWERED, contactId)
                            .tenant(tenant)
                            .eventId(id())
                            .channel(chance(0.8) ? Channel.VOICE : Channel.CHAT)
                            .eventTime(t)
                            .source("it")
                            .queue("sales")
                            .agentId("agent-" + (1 + random.nextInt(12)))
                            .customerId(customer)
                            .waitMillis(1_000L)
                            .attributes(topic == null ? Map.of() : Map.of("topic", topic))
                            .build();
            return new Item(e, customer, t, seq++, false);
        }

        /** About one event in twelve is published later than its time, by up to 30 days. */
        Item outOfOrder(Item i) {
            return chance(0.08)
                    ? new Item(
                            i.event(),
                            i.customerId(),
                            i.publishKey() + SECOND + seconds(30 * DAY),
                            i.seq(),
                            false)
                    : i;
        }

        /**
         * Sorts the drafts into publishing order and marks the late ones, checking that each
         * verdict is the same whatever order the topics' partitions interleave in.
         */
        List<Item> publishOrder() {
            List<Item> ordered = new ArrayList<>(drafts);
            ordered.sort(Comparator.comparingLong(Item::publishKey).thenComparingInt(Item::seq));
            Map<String, Long> newest = new HashMap<>();
            Map<String, Long> newestBusiness = new HashMap<>();
            Map<String, Long> first = new HashMap<>();
            Map<String, Long> last = new HashMap<>();
            List<Item> out = new ArrayList<>(ordered.size());
            for (Item i : ordered) {
                String c = i.customerId();
                if (c == null) {
                    out.add(i);
                    continue;
                }
                long t = i.event().eventTime();
                boolean business = i.event() instanceof BusinessEvent;
                boolean late = newest.containsKey(c) && t < newest.get(c) - L;
                // Same verdict from the events that surely came before it (same partition)...
                boolean surelyLate =
                        business && newestBusiness.containsKey(c) && t < newestBusiness.get(c) - L;
                // ...and none from any that may come after it (every other event of the customer).
                if (late != surelyLate) {
                    throw new IllegalStateException(
                            "lateness of " + i + " depends on how the partitions interleave");
                }
                if (!late) {
                    newest.merge(c, t, Math::max);
                    if (business) {
                        newestBusiness.merge(c, t, Math::max);
                    }
                    first.merge(c, t, Math::min);
                    last.merge(c, t, Math::max);
                }
                out.add(new Item(i.event(), c, i.publishKey(), i.seq(), late));
            }
            // An applied event published after a later one must be within the lateness of every
            // applied event of its customer, in any interleaving.
            for (Map.Entry<String, Long> e : first.entrySet()) {
                if (last.get(e.getKey()) - e.getValue() > L) {
                    throw new IllegalStateException(
                            "customer " + e.getKey() + " spans more than the lateness");
                }
            }
            return Collections.unmodifiableList(out);
        }

        String id() {
            String id;
            do {
                id = String.format("fe-%012x", random.nextLong() & 0xffff_ffff_ffffL);
            } while (!ids.add(id));
            return id;
        }

        /** A whole number of seconds in [0, max). */
        long seconds(long maxMillis) {
            return SECOND * (long) random.nextInt((int) (maxMillis / SECOND));
        }

        boolean chance(double p) {
            return random.nextDouble() < p;
        }
    }
}
