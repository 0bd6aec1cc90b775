package io.ringstream.testkit.traffic;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The commercial side of a generated center, so the Conversion and Customers dashboards have data:
 * customers, business events, the default {@code sales} funnel's progress and counts (as the
 * conversion job writes {@code funnel_progress} and {@code funnel_stats}) and customer values with
 * their model fits. Everything hangs off the handled contacts of {@link TrafficGenerator}: a
 * prospect's lead comes before the contact that calls them, a booking after a contact of the
 * customer, and a funnel credits the agent of that contact (LAST_TOUCH).
 *
 * <p>Lives for the whole generation: the booking history it keeps (one entry per customer who
 * booked) is what customer values are scored on, day after day. Its random stream is its own, one
 * per day from the seed, so the contact-center tables are the same with or without it.
 */
final class CommerceGenerator {
    static final String FUNNEL_ID = "sales";
    static final String FUNNEL_NAME = "Sales";
    static final List<String> STEPS =
            List.of("lead created", "contacted", "quoted", "booked", "paid");
    private static final String SOURCE = "traffic-generator";
    private static final String[] CAMPAIGNS = {"spring-sale", "search", "referral", ""};
    private static final String[] TIERS = {"standard", "standard", "gold", "platinum"};
    // Model parameters every "fit" reports: plausible BG/NBD and Gamma-Gamma values, not fitted.
    private static final double R = 0.25, ALPHA = 4.0, A = 0.8, B = 2.5, P = 6.0, Q = 4.0, V = 15.0;

    private final TrafficSpec spec;
    private final long cutoff;

    /** customer → booking days and amounts, across every generated day. */
    private final Map<String, History> bookings = new TreeMap<>();

    /**
     * Episodes per cohort (UTC) day, kept while a later generated day may still add to it: a
     * generated day need not start at midnight, and the stats operator rewrites a whole cohort day
     * at each write (a day's cells and sums from two generated days under one version).
     */
    private final TreeMap<LocalDate, List<Episode>> cohorts = new TreeMap<>();

    private int fits;

    /** customer → segment from each scoring day it changed: what each day's movement compares. */
    private final Map<String, TreeMap<LocalDate, String>> segmentsByDay = new TreeMap<>();

    /** The movement spans of customer_value_days (CustomerValueDay.MOVEMENT_DAYS). */
    static final List<Integer> MOVEMENT_DAYS = List.of(7, 30, 90, 365);

    /** The tenant's latest booking day: what customer values are scored as of. */
    private LocalDate latestBookingDay = LocalDate.MIN;

    CommerceGenerator(TrafficSpec spec) {
        this.spec = spec;
        this.cutoff = spec.cutoff().toEpochMilli();
    }

    Day day(int index, long dayStart) {
        return new Day(index, dayStart);
    }

    /** A contact an agent answered, whose customer the funnel and bookings hang off. */
    record Handled(
            String contactId,
            String answeredEventId,
            String customerId,
            String channel,
            String agentId,
            long answeredMs) {}

    private static final class History {
        final TreeMap<LocalDate, Double> perDay = new TreeMap<>();
    }

    /** One day's commerce: its random stream and the day's handled contacts live this long. */
    final class Day {
        private final int index;
        private final long dayStart;
        private final SplittableRandom random;
        private final List<Handled> handled = new ArrayList<>();
        private final List<Episode> episodes = new ArrayList<>();
        private int prospects;
        private boolean booked;

        Day(int index, long dayStart) {
            this.index = index;
            this.dayStart = dayStart;
            this.random = new SplittableRandom((spec.seed() * 1_000_003L + index) ^ 0x5A1E5L);
        }

        /**
         * The customer of a contact answered at {@code answeredMs}: one in twelve is a new prospect
         * (a lead of this day, called back by this contact), the others keep {@code drawn}.
         */
        String customerFor(String drawn, long answeredMs) {
            if (answeredMs < cutoff
                    && answeredMs - dayStart > 3_600_000L
                    && random.nextInt(12) == 0) {
                return String.format("cust-p%d-%05d", index, ++prospects);
            }
            return drawn;
        }

        void handled(Handled contact) {
            if (contact.answeredMs() < cutoff) {
                handled.add(contact);
            }
        }

        /** Writes the day's customers, business events, funnel rows and customer values. */
        void emit(TrafficSink sink) {
            Set<String> seen = new LinkedHashSet<>();
            for (Handled h : handled) {
                if (h.customerId().startsWith("cust-p")) {
                    prospect(sink, h);
                } else if (random.nextInt(16) == 0) {
                    booking(sink, h.customerId(), h, h.answeredMs() + minutes(2, 60));
                }
                seen.add(h.customerId());
            }
            // Leads nobody called (yet): they enter the funnel and stop at its first step.
            int uncalled = Math.max(2, prospects / 4);
            for (int k = 1; k <= uncalled; k++) {
                long at =
                        dayStart
                                + (long)
                                        (random.nextDouble()
                                                * (Math.min(cutoff, dayEnd()) - dayStart));
                String customer = String.format("cust-p%d-L%04d", index, k);
                Episode e = new Episode(customer, campaign());
                e.step(sink, this, "LEAD_CREATED", "", at, null, null);
                episodes.add(e);
                seen.add(customer);
            }
            seen.forEach(c -> customer(sink, c));
            episodes.forEach(e -> e.progress(sink));
            FunnelCounts.emit(sink, spec.tenant(), cohortEpisodes(), statsVersion());
            if (booked) {
                values(sink);
            }
        }

        /** Every episode of the cohort days this day's episodes fall on, earlier days' too. */
        private List<Episode> cohortEpisodes() {
            LocalDate first = Instant.ofEpochMilli(dayStart).atZone(ZoneOffset.UTC).toLocalDate();
            cohorts.headMap(first).clear();
            Set<LocalDate> touched = new TreeSet<>();
            for (Episode e : episodes) {
                LocalDate day =
                        Instant.ofEpochMilli(e.start()).atZone(ZoneOffset.UTC).toLocalDate();
                cohorts.computeIfAbsent(day, d -> new ArrayList<>()).add(e);
                touched.add(day);
            }
            List<Episode> all = new ArrayList<>();
            touched.forEach(day -> all.addAll(cohorts.get(day)));
            return all;
        }

        private long dayEnd() {
            return dayStart + 86_400_000L;
        }

        private long statsVersion() {
            return Math.min(cutoff, dayEnd()) - 1;
        }

        private String campaign() {
            return CAMPAIGNS[random.nextInt(CAMPAIGNS.length)];
        }

        private long minutes(int from, int to) {
            return (from + (long) (random.nextDouble() * (to - from))) * 60_000L;
        }

        /** A prospect: lead before the call, then quoted, booked, paid, each less likely. */
        private void prospect(TrafficSink sink, Handled h) {
            Episode e = new Episode(h.customerId(), campaign());
            long lead = Math.max(dayStart, h.answeredMs() - minutes(5, 50));
            e.step(sink, this, "LEAD_CREATED", "", lead, null, null);
            e.contacted(h);
            long t = h.answeredMs() + minutes(10, 120);
            if (random.nextInt(10) < 6 && t < cutoff) {
                e.step(sink, this, "STAGE_CHANGED", "QUOTED", t, h.contactId(), null);
                t += minutes(30, 360);
                if (random.nextInt(10) < 6 && t < cutoff) {
                    booking(sink, h.customerId(), h, t);
                    e.reached(
                            "b-" + h.customerId() + "-" + t + "-BOOKING_MADE",
                            t,
                            "b-" + h.customerId() + "-" + (t + 60_000) + "-PAYMENT_COMPLETED",
                            t + 60_000 < cutoff ? t + 60_000 : -1);
                }
            }
            episodes.add(e);
        }

        /** A booking and, a minute later, its payment (both dropped past the cut-off). */
        private void booking(TrafficSink sink, String customer, Handled h, long at) {
            if (at >= cutoff) {
                return;
            }
            long amount = 50_00 + random.nextInt(750) * 100L;
            businessEvent(sink, customer, "BOOKING_MADE", "", at, h.contactId(), amount, "", "{}");
            if (at + 60_000 < cutoff) {
                businessEvent(
                        sink, customer, "PAYMENT_COMPLETED", "", at + 60_000, "", amount, "", "{}");
            }
            LocalDate day = date(at);
            bookings.computeIfAbsent(customer, c -> new History())
                    .perDay
                    .merge(day, amount / 100.0, Double::sum);
            if (day.isAfter(latestBookingDay)) {
                latestBookingDay = day;
            }
            booked = true;
        }

        void businessEvent(
                TrafficSink sink,
                String customer,
                String type,
                String stage,
                long at,
                String contact,
                Long amount,
                String campaign,
                String attributes) {
            sink.row(
                    TrafficTable.BUSINESS_EVENTS,
                    new Object[] {
                        "b-" + customer + "-" + at + "-" + type,
                        spec.tenant(),
                        customer,
                        type,
                        stage,
                        date(at),
                        Instant.ofEpochMilli(at),
                        at,
                        SOURCE,
                        contact == null ? "" : contact,
                        "lead-" + customer,
                        amount,
                        amount == null ? "" : "EUR",
                        campaign,
                        attributes
                    });
        }

        /** The customer's latest snapshot (a returning one is written again, a newer version). */
        private void customer(TrafficSink sink, String customer) {
            int n = Math.abs(customer.hashCode());
            long created =
                    customer.startsWith("cust-p")
                            ? dayStart
                            : spec.start().toEpochMilli() - (1 + n % 400) * 86_400_000L;
            long updated = Math.min(cutoff, dayEnd()) - 1_000;
            sink.row(
                    TrafficTable.CUSTOMERS,
                    new Object[] {
                        spec.tenant(),
                        customer,
                        (long) index + 1,
                        "chg-" + customer + "-" + index,
                        index == 0 && !customer.startsWith("cust-p") ? "CREATED" : "UPDATED",
                        "Customer " + customer.substring(5),
                        n % 5 == 0 ? "es" : "en",
                        TIERS[n % TIERS.length],
                        "",
                        n % 7 == 0 ? List.of("vip") : List.of(),
                        List.of("phone:+3460" + String.format("%07d", n % 10_000_000)),
                        Instant.ofEpochMilli(created),
                        created,
                        Instant.ofEpochMilli(updated),
                        updated
                    });
        }

        /**
         * Every customer who ever booked, scored as of the tenant's latest booking day, after one
         * fit of the day: RFM quintiles by rank (ties broken by customer id, simpler than
         * RfmScorer's), the default segment map, model outputs from fixed parameters.
         */
        private void values(TrafficSink sink) {
            // A booking after a late contact may fall on the next day: that day is then "as of".
            LocalDate asOf = latestBookingDay;
            long fitVersion = ++fits;
            long fittedAt = Math.min(cutoff, dayEnd()) - 1_000;
            List<Value> values = new ArrayList<>();
            bookings.forEach((c, h) -> values.add(new Value(c, h, asOf)));
            score(values, v -> -(double) v.recencyDays, (v, s) -> v.r = s);
            score(values, v -> (double) v.purchaseDays, (v, s) -> v.f = s);
            score(values, v -> v.total, (v, s) -> v.m = s);
            long repeat = values.stream().filter(v -> v.purchaseDays > 1).count();
            sink.row(
                    TrafficTable.CUSTOMER_VALUE_FITS,
                    new Object[] {
                        spec.tenant(),
                        fitVersion,
                        Instant.ofEpochMilli(fittedAt),
                        asOf,
                        (long) values.size(),
                        repeat,
                        R,
                        ALPHA,
                        A,
                        B,
                        -2.1 * values.size(),
                        P,
                        Q,
                        V,
                        -3.4 * values.size(),
                        20L + values.size() / 50
                    });
            for (Value v : values) {
                v.emit(sink, fitVersion, fittedAt);
            }
            daySummary(sink, values, asOf, fittedAt);
        }

        /**
         * The day's customer_value_days row, as the conversion job sums it: every customer has a
         * row as of this day, so the day's rows are each customer's latest.
         */
        private void daySummary(
                TrafficSink sink, List<Value> values, LocalDate asOf, long version) {
            Map<String, double[]> perSegment = new TreeMap<>();
            long[] bands = new long[10];
            Map<String, Long> moves = new TreeMap<>();
            for (Value v : values) {
                double[] s = perSegment.computeIfAbsent(v.segment(), k -> new double[8]);
                s[0]++;
                s[1] += v.total;
                s[2]++;
                s[3] += v.clv;
                s[4]++;
                s[5] += v.alive;
                s[6]++;
                s[7] += v.expected;
                bands[(int) Math.min(Math.max(Math.floor(v.alive * 10), 0), 9)]++;
                TreeMap<LocalDate, String> history =
                        segmentsByDay.computeIfAbsent(v.customer, c -> new TreeMap<>());
                Map.Entry<LocalDate, String> last = history.lastEntry();
                if (last == null
                        || last.getKey().equals(asOf)
                        || !last.getValue().equals(v.segment())) {
                    history.put(asOf, v.segment()); // changes only: 30 days of 200k customers
                }
                for (int span : MOVEMENT_DAYS) {
                    Map.Entry<LocalDate, String> from = history.floorEntry(asOf.minusDays(span));
                    String key = span + "\t" + (from == null ? "(new)" : from.getValue());
                    moves.merge(key + "\t" + v.segment(), 1L, Long::sum);
                }
            }
            List<Object> bandIds = new ArrayList<>();
            List<Object> bandCustomers = new ArrayList<>();
            for (int b = 0; b < 10; b++) {
                if (bands[b] > 0) {
                    bandIds.add(b);
                    bandCustomers.add(bands[b]);
                }
            }
            List<Object> spans = new ArrayList<>();
            List<Object> froms = new ArrayList<>();
            List<Object> tos = new ArrayList<>();
            List<Object> moved = new ArrayList<>();
            moves.forEach(
                    (k, n) -> {
                        String[] parts = k.split("\t");
                        spans.add(Integer.parseInt(parts[0]));
                        froms.add(parts[1]);
                        tos.add(parts[2]);
                        moved.add(n);
                    });
            sink.row(
                    TrafficTable.CUSTOMER_VALUE_DAYS,
                    new Object[] {
                        spec.tenant(),
                        asOf,
                        asOf.toEpochDay() * 86_400_000L,
                        (long) values.size(),
                        List.copyOf(perSegment.keySet()),
                        column(perSegment, 0, true),
                        column(perSegment, 1, false),
                        column(perSegment, 2, true),
                        column(perSegment, 3, false),
                        column(perSegment, 4, true),
                        column(perSegment, 5, false),
                        column(perSegment, 6, true),
                        column(perSegment, 7, false),
                        bandIds,
                        bandCustomers,
                        spans,
                        froms,
                        tos,
                        moved,
                        version,
                        Instant.ofEpochMilli(version)
                    });
        }

        private static List<Object> column(Map<String, double[]> sums, int i, boolean count) {
            List<Object> out = new ArrayList<>();
            sums.values().forEach(s -> out.add(count ? (Object) (long) s[i] : (Object) s[i]));
            return out;
        }

        private LocalDate date(long t) {
            return Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).toLocalDate();
        }
    }

    /** One customer's funnel episode, grown step by step as the day's events are made. */
    final class Episode {
        final String customer;
        final String campaign;
        final List<Long> times = new ArrayList<>();
        final List<String> eventIds = new ArrayList<>();
        Handled credit;

        Episode(String customer, String campaign) {
            this.customer = customer;
            this.campaign = campaign;
        }

        void step(
                TrafficSink sink,
                Day day,
                String type,
                String stage,
                long at,
                String contact,
                Long amount) {
            day.businessEvent(
                    sink,
                    customer,
                    type,
                    stage,
                    at,
                    contact,
                    amount,
                    type.equals("LEAD_CREATED") ? campaign : "",
                    type.equals("LEAD_CREATED") ? "{\"sourceChannel\":\"web-form\"}" : "{}");
            times.add(at);
            eventIds.add("b-" + customer + "-" + at + "-" + type);
        }

        void contacted(Handled h) {
            times.add(h.answeredMs());
            eventIds.add(h.answeredEventId());
            credit = h;
        }

        /** Booked (its event written by the booking) and, when before the cut-off, paid. */
        void reached(String bookedId, long bookedAt, String paidId, long paidAt) {
            times.add(bookedAt);
            eventIds.add(bookedId);
            if (paidAt >= 0) {
                times.add(paidAt);
                eventIds.add(paidId);
            }
        }

        int stepsReached() {
            return times.size();
        }

        long start() {
            return times.get(0);
        }

        String channel() {
            return credit == null ? "" : credit.channel();
        }

        String agent() {
            return credit == null ? "" : credit.agentId();
        }

        /** The funnel_progress row: LAST_TOUCH credits this episode's only handled contact. */
        void progress(TrafficSink sink) {
            int n = stepsReached();
            long furthest = times.get(n - 1);
            sink.row(
                    TrafficTable.FUNNEL_PROGRESS,
                    new Object[] {
                        spec.tenant(),
                        FUNNEL_ID,
                        customer,
                        Instant.ofEpochMilli(start()),
                        start(),
                        // The attempt's first step: one attempt per episode here.
                        start(),
                        n,
                        STEPS.size(),
                        n == STEPS.size() ? 1 : 0,
                        STEPS.get(n - 1),
                        Instant.ofEpochMilli(furthest),
                        furthest,
                        STEPS.subList(0, n),
                        List.copyOf(times),
                        List.copyOf(eventIds),
                        "LAST_TOUCH",
                        campaign,
                        channel(),
                        agent(),
                        credit == null ? "" : credit.contactId(),
                        (long) n,
                        Instant.ofEpochMilli(furthest).truncatedTo(ChronoUnit.SECONDS)
                    });
        }
    }

    /** A customer's booking history as of a day, and the scores and values drawn from it. */
    private final class Value {
        final String customer;
        final LocalDate asOf;
        final LocalDate first;
        final LocalDate last;
        final int purchaseDays;
        final long recencyDays;
        final double total;
        int r, f, m;
        double alive, expected, clv; // set by emit

        String segment() {
            return CommerceGenerator.segment(r, f);
        }

        Value(String customer, History h, LocalDate asOf) {
            this.customer = customer;
            this.asOf = asOf;
            this.first = h.perDay.firstKey();
            this.last = h.perDay.lastKey();
            this.purchaseDays = h.perDay.size();
            this.recencyDays = ChronoUnit.DAYS.between(last, asOf);
            this.total = h.perDay.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        void emit(TrafficSink sink, long fitVersion, long fittedAt) {
            int x = purchaseDays - 1;
            double tx = ChronoUnit.DAYS.between(first, last) / 7.0;
            double t = ChronoUnit.DAYS.between(first, asOf) / 7.0;
            double alive =
                    x == 0
                            ? 1.0
                            : 1.0
                                    / (1.0
                                            + A
                                                    / (B + x - 1)
                                                    * Math.pow((ALPHA + t) / (ALPHA + tx), R + x));
            double expected = alive * (R + x) / (ALPHA + t) * 52;
            double mean = total / purchaseDays;
            double weight = P * x / (P * x + Q - 1);
            double spend = (1 - weight) * (V * P / (Q - 1)) + weight * mean;
            this.alive = alive;
            this.expected = expected;
            this.clv = expected * spend;
            sink.row(
                    TrafficTable.CUSTOMER_VALUE,
                    new Object[] {
                        spec.tenant(),
                        customer,
                        asOf,
                        asOf.toEpochDay() * 86_400_000L,
                        first,
                        last,
                        (long) purchaseDays,
                        (long) x,
                        recencyDays,
                        total,
                        mean,
                        "EUR",
                        r,
                        f,
                        m,
                        "" + r + f + m,
                        segment(),
                        tx,
                        t,
                        x == 0 ? 0.0 : mean,
                        expected,
                        alive,
                        spend,
                        expected * spend,
                        fitVersion,
                        fittedAt,
                        Instant.ofEpochMilli(fittedAt)
                    });
        }
    }

    /** Quintile scores 1–5 by rank of {@code key} (higher is better), ties by customer id. */
    private static void score(
            List<Value> values,
            java.util.function.ToDoubleFunction<Value> key,
            java.util.function.ObjIntConsumer<Value> set) {
        List<Value> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparingDouble(key).thenComparing(v -> v.customer));
        int n = sorted.size();
        for (int i = 0; i < n; i++) {
            set.accept(sorted.get(i), n == 1 ? 3 : 1 + (int) ((long) i * 5 / n));
        }
    }

    /** RfmSegmentTable.DEFAULT on R and F (docs/rfm.md): first match wins. */
    static String segment(int r, int f) {
        if (r == 5 && f >= 4) return "Champions";
        if (r >= 3 && r <= 4 && f >= 4) return "Loyal Customers";
        if (r >= 4 && f >= 2 && f <= 3) return "Potential Loyalist";
        if (r == 5 && f == 1) return "New Customers";
        if (r == 4 && f == 1) return "Promising";
        if (r == 3 && f == 3) return "Need Attention";
        if (r == 3) return "About To Sleep";
        if (f == 5) return "Can't Lose Them";
        if (f >= 3) return "At Risk";
        if (r == 1 && f == 1) return "Lost";
        return "Hibernating";
    }
}
