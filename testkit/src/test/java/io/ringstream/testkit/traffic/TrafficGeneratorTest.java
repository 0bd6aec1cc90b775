package io.ringstream.testkit.traffic;

import static io.ringstream.testkit.traffic.CollectedTraffic.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generated tables agree with each other, and a seed always gives the same rows. */
class TrafficGeneratorTest {
    private static final TrafficSpec DAY =
            TrafficSpec.endingAt("default", 3, 12, Instant.parse("2025-03-02T10:07:30Z"), 1, 7);

    private static CollectedTraffic generate(TrafficSpec spec) {
        CollectedTraffic traffic = new CollectedTraffic();
        new TrafficGenerator(spec).generate(traffic);
        return traffic;
    }

    @Test
    void sameSeedSameRows() {
        CollectedTraffic a = generate(DAY);
        CollectedTraffic b = generate(DAY);
        for (TrafficTable table : TrafficTable.values()) {
            if (table == TrafficTable.AGENT_KPIS) {
                // Written by a sink wrapping the generator's (dashboards' AgentKpiTraffic).
                continue;
            }
            assertThat(a.rows(table)).as(table.name()).isNotEmpty();
            assertThat(a.rows(table)).as(table.name()).hasSameSizeAs(b.rows(table));
            for (int i = 0; i < a.rows(table).size(); i++) {
                assertThat(a.rows(table).get(i)).isEqualTo(b.rows(table).get(i));
            }
        }
    }

    /**
     * agent_sentiment_days per date and agent: the conversations whose latest turn of the date was
     * the agent's, with their latest customer rolling score, worked out here from the
     * conversation_sentiment rows; no conversation has turns on two dates.
     */
    @Test
    void agentSentimentDaysSumEachConversationsLastCustomerScoreOfTheDate() {
        TrafficSpec twoDays =
                TrafficSpec.endingAt("default", 3, 12, Instant.parse("2025-03-03T10:07:30Z"), 2, 7);
        CollectedTraffic traffic = generate(twoDays);
        TrafficTable cs = TrafficTable.CONVERSATION_SENTIMENT;
        Map<String, Object[]> last = new HashMap<>();
        Map<String, Object> dateOf = new HashMap<>();
        for (Object[] r : traffic.rows(cs)) {
            String contact = (String) value(cs, r, "contact_id");
            Object date = value(cs, r, "event_date");
            assertThat(dateOf.putIfAbsent(contact, date)).as(contact).isIn(null, date);
            Object[] kept = last.get(contact);
            if (kept == null
                    || (Integer) value(cs, r, "turn") > (Integer) value(cs, kept, "turn")) {
                last.put(contact, r);
            }
        }
        Map<String, double[]> expected = new java.util.TreeMap<>();
        last.forEach(
                (contact, r) -> {
                    Double score = (Double) value(cs, r, "customer_rolling");
                    if (score != null) {
                        expected.merge(
                                dateOf.get(contact) + " " + value(cs, r, "agent_id"),
                                new double[] {1, score},
                                (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
                    }
                });
        TrafficTable asd = TrafficTable.AGENT_SENTIMENT_DAYS;
        Map<String, double[]> shown = new java.util.TreeMap<>();
        for (Object[] r : traffic.rows(asd)) {
            double[] was =
                    shown.put(
                            value(asd, r, "day") + " " + value(asd, r, "agent_id"),
                            new double[] {
                                ((Number) value(asd, r, "conversations")).doubleValue(),
                                (Double) value(asd, r, "customer_sum")
                            });
            assertThat(was).isNull();
        }
        assertThat(shown.keySet()).isEqualTo(expected.keySet());
        assertThat(shown.keySet().stream().map(k -> k.substring(0, 10)).distinct()).hasSize(3);
        shown.forEach(
                (k, v) -> {
                    assertThat(v[0]).as(k).isEqualTo(expected.get(k)[0]);
                    assertThat(v[1]).as(k).isCloseTo(expected.get(k)[1], within(1e-9));
                });
    }

    @Test
    void everyEndedContactWasAnsweredAndNothingIsAfterTheCutoff() {
        CollectedTraffic traffic = generate(DAY);
        Set<Object> answered = new HashSet<>();
        traffic.where(TrafficTable.CONTACT_EVENTS, "type", "ANSWERED")
                .forEach(r -> answered.add(value(TrafficTable.CONTACT_EVENTS, r, "contact_id")));
        List<Object[]> ended = traffic.where(TrafficTable.CONTACT_EVENTS, "type", "ENDED");
        assertThat(ended).isNotEmpty();
        for (Object[] r : ended) {
            assertThat(answered).contains(value(TrafficTable.CONTACT_EVENTS, r, "contact_id"));
        }
        long cutoff = DAY.cutoff().toEpochMilli();
        for (Object[] r : traffic.rows(TrafficTable.CONTACT_EVENTS)) {
            assertThat((Long) value(TrafficTable.CONTACT_EVENTS, r, "event_time_ms"))
                    .isLessThan(cutoff);
        }
        // Some contacts are still open at the cut-off: answered, not ended.
        assertThat(answered.size()).isGreaterThan(ended.size());
    }

    @Test
    void intervalCountersEqualTheContactEventsTheySummarise() {
        CollectedTraffic traffic = generate(DAY);
        Map<String, long[]> fromEvents = new HashMap<>();
        for (Object[] r : traffic.rows(TrafficTable.CONTACT_EVENTS)) {
            String queue = (String) value(TrafficTable.CONTACT_EVENTS, r, "queue");
            if (queue.isEmpty()) {
                continue;
            }
            long t = (Long) value(TrafficTable.CONTACT_EVENTS, r, "event_time_ms");
            long start = DAY.start().toEpochMilli();
            long interval = start + (t - start) / 900_000 * 900_000;
            long[] c = fromEvents.computeIfAbsent(queue + "@" + interval, k -> new long[3]);
            switch ((String) value(TrafficTable.CONTACT_EVENTS, r, "type")) {
                case "QUEUED" -> c[0]++;
                case "ANSWERED" -> c[1]++;
                case "ABANDONED" -> c[2]++;
                default -> {}
            }
        }
        long offeredTotal = 0;
        for (Object[] r : traffic.where(TrafficTable.QUEUE_KPIS, "window_kind", "interval")) {
            String key =
                    value(TrafficTable.QUEUE_KPIS, r, "queue")
                            + "@"
                            + ((Instant) value(TrafficTable.QUEUE_KPIS, r, "window_start"))
                                    .toEpochMilli();
            long[] expected = fromEvents.getOrDefault(key, new long[3]);
            long offered = (Long) value(TrafficTable.QUEUE_KPIS, r, "offered");
            long answered = (Long) value(TrafficTable.QUEUE_KPIS, r, "answered");
            assertThat(
                            new long[] {
                                offered,
                                answered,
                                (Long) value(TrafficTable.QUEUE_KPIS, r, "abandoned")
                            })
                    .as(key)
                    .containsExactly(expected);
            assertThat((Long) value(TrafficTable.QUEUE_KPIS, r, "answered_within_threshold"))
                    .isLessThanOrEqualTo(answered);
            offeredTotal += offered;
        }
        assertThat(offeredTotal)
                .isEqualTo(traffic.where(TrafficTable.CONTACT_EVENTS, "type", "QUEUED").size())
                .isPositive();
        // 96 intervals a day per queue, the last one open at the cut-off.
        assertThat(traffic.where(TrafficTable.QUEUE_KPIS, "window_kind", "interval"))
                .hasSize(3 * 96);
    }

    @Test
    void answeredWithinThresholdNeverExceedsAnsweredAndAnsweredNeverExceedsOfferedOverTheDay() {
        CollectedTraffic traffic = generate(DAY);
        long answered = traffic.where(TrafficTable.CONTACT_EVENTS, "type", "ANSWERED").size();
        long queued = traffic.where(TrafficTable.CONTACT_EVENTS, "type", "QUEUED").size();
        assertThat(answered).isPositive().isLessThanOrEqualTo(queued);
        assertThat(traffic.where(TrafficTable.SLA_EVENTS, "type", "BREACH")).isNotEmpty();
        assertThat(traffic.where(TrafficTable.SLA_EVENTS, "type", "WARNING")).isNotEmpty();
        assertThat(traffic.where(TrafficTable.SLA_EVENTS, "type", "MET")).isNotEmpty();
        Set<Object> reasons = new HashSet<>();
        traffic.rows(TrafficTable.DEAD_LETTERS).forEach(r -> reasons.add(r[0]));
        assertThat(reasons.size()).isGreaterThan(2);
        // One decision per offer.
        assertThat(traffic.rows(TrafficTable.ROUTING_DECISIONS))
                .hasSameSizeAs(traffic.where(TrafficTable.CONTACT_EVENTS, "type", "OFFERED"));
    }

    @Test
    void everyFunnelStepAndBookingFollowsAContactOfTheCustomer() {
        CollectedTraffic traffic = generate(DAY);
        Map<Object, Object[]> answered = new HashMap<>();
        traffic.where(TrafficTable.CONTACT_EVENTS, "type", "ANSWERED")
                .forEach(r -> answered.put(r[TrafficTable.CONTACT_EVENTS.index("event_id")], r));
        List<Object[]> progress = traffic.rows(TrafficTable.FUNNEL_PROGRESS);
        assertThat(progress).isNotEmpty();
        int contacted = 0;
        for (Object[] p : progress) {
            int steps =
                    ((Number) value(TrafficTable.FUNNEL_PROGRESS, p, "steps_reached")).intValue();
            List<?> times = (List<?>) value(TrafficTable.FUNNEL_PROGRESS, p, "step_times_ms");
            List<?> ids = (List<?>) value(TrafficTable.FUNNEL_PROGRESS, p, "step_event_ids");
            assertThat(times).hasSize(steps);
            assertThat(ids).hasSize(steps);
            for (int k = 1; k < steps; k++) {
                assertThat((Long) times.get(k)).isGreaterThan((Long) times.get(k - 1));
            }
            Object customer = value(TrafficTable.FUNNEL_PROGRESS, p, "customer_id");
            if (steps >= 2) {
                contacted++;
                // The "contacted" step is the ANSWERED event of a contact of this customer, and
                // LAST_TOUCH credits its agent: the only handled contact of a prospect.
                Object[] call = answered.get(ids.get(1));
                assertThat(call).as("contacted step of %s", customer).isNotNull();
                assertThat(value(TrafficTable.CONTACT_EVENTS, call, "customer_id"))
                        .isEqualTo(customer);
                assertThat(value(TrafficTable.FUNNEL_PROGRESS, p, "credited_agent_id"))
                        .isEqualTo(value(TrafficTable.CONTACT_EVENTS, call, "agent_id"));
                assertThat(value(TrafficTable.FUNNEL_PROGRESS, p, "credited_contact_id"))
                        .isEqualTo(value(TrafficTable.CONTACT_EVENTS, call, "contact_id"));
            } else {
                assertThat(value(TrafficTable.FUNNEL_PROGRESS, p, "credited_agent_id"))
                        .isEqualTo("");
            }
            assertThat(
                            traffic
                                    .where(TrafficTable.BUSINESS_EVENTS, "customer_id", customer)
                                    .stream()
                                    .map(r -> value(TrafficTable.BUSINESS_EVENTS, r, "event_id"))
                                    .toList())
                    .contains(ids.get(0));
        }
        assertThat(contacted).isPositive();

        // A booking always comes after a handled contact of the same customer.
        Map<Object, Long> firstAnswer = new HashMap<>();
        answered.values()
                .forEach(
                        r ->
                                firstAnswer.merge(
                                        value(TrafficTable.CONTACT_EVENTS, r, "customer_id"),
                                        (Long)
                                                value(
                                                        TrafficTable.CONTACT_EVENTS,
                                                        r,
                                                        "event_time_ms"),
                                        Math::min));
        List<Object[]> bookings =
                traffic.where(TrafficTable.BUSINESS_EVENTS, "type", "BOOKING_MADE");
        assertThat(bookings).isNotEmpty();
        for (Object[] b : bookings) {
            Long first = firstAnswer.get(value(TrafficTable.BUSINESS_EVENTS, b, "customer_id"));
            assertThat(first).isNotNull();
            assertThat(first)
                    .isLessThan((Long) value(TrafficTable.BUSINESS_EVENTS, b, "event_time_ms"));
        }
    }

    @Test
    void funnelStatsCountTheProgressRowsTheySummarise() {
        CollectedTraffic traffic = generate(DAY);
        Map<List<Object>, long[]> expected = new HashMap<>();
        for (Object[] p : traffic.rows(TrafficTable.FUNNEL_PROGRESS)) {
            List<Object> cell =
                    List.of(
                            ((Instant) value(TrafficTable.FUNNEL_PROGRESS, p, "episode_start"))
                                    .atZone(java.time.ZoneOffset.UTC)
                                    .toLocalDate(),
                            value(TrafficTable.FUNNEL_PROGRESS, p, "credited_channel"),
                            value(TrafficTable.FUNNEL_PROGRESS, p, "campaign"),
                            value(TrafficTable.FUNNEL_PROGRESS, p, "credited_agent_id"));
            int steps =
                    ((Number) value(TrafficTable.FUNNEL_PROGRESS, p, "steps_reached")).intValue();
            long[] counts = expected.computeIfAbsent(cell, c -> new long[6]);
            counts[0]++;
            for (int k = 1; k <= steps; k++) {
                counts[k]++;
            }
        }
        long entered = 0;
        for (Object[] s : traffic.rows(TrafficTable.FUNNEL_STATS)) {
            List<Object> cell =
                    List.of(
                            value(TrafficTable.FUNNEL_STATS, s, "day"),
                            value(TrafficTable.FUNNEL_STATS, s, "channel"),
                            value(TrafficTable.FUNNEL_STATS, s, "campaign"),
                            value(TrafficTable.FUNNEL_STATS, s, "agent_id"));
            long[] counts = expected.get(cell);
            assertThat(counts).as("cell %s", cell).isNotNull();
            int step = ((Number) value(TrafficTable.FUNNEL_STATS, s, "step")).intValue();
            assertThat(value(TrafficTable.FUNNEL_STATS, s, "entered")).isEqualTo(counts[0]);
            assertThat(value(TrafficTable.FUNNEL_STATS, s, "reached")).isEqualTo(counts[step]);
            if (step == 1) {
                entered += counts[0];
            }
        }
        assertThat(entered).isEqualTo(traffic.rows(TrafficTable.FUNNEL_PROGRESS).size());
        assertThat(traffic.where(TrafficTable.FUNNEL_PROGRESS, "converted", 1)).isNotEmpty();
    }

    @Test
    void funnelChannelAndAgentDaysSumTheFunnelStatsCells() {
        CollectedTraffic traffic = generate(DAY);
        Map<List<Object>, long[]> channels = new HashMap<>();
        Map<List<Object>, long[]> agents = new HashMap<>();
        for (Object[] s : traffic.rows(TrafficTable.FUNNEL_STATS)) {
            Object day = value(TrafficTable.FUNNEL_STATS, s, "day");
            int step = ((Number) value(TrafficTable.FUNNEL_STATS, s, "step")).intValue();
            long entered = (Long) value(TrafficTable.FUNNEL_STATS, s, "entered");
            long reached = (Long) value(TrafficTable.FUNNEL_STATS, s, "reached");
            long[] c =
                    channels.computeIfAbsent(
                            List.of(
                                    day,
                                    value(TrafficTable.FUNNEL_STATS, s, "channel"),
                                    value(TrafficTable.FUNNEL_STATS, s, "campaign"),
                                    step),
                            k -> new long[2]);
            c[0] += entered;
            c[1] += reached;
            long[] a =
                    agents.computeIfAbsent(
                            List.of(day, value(TrafficTable.FUNNEL_STATS, s, "agent_id")),
                            k -> new long[CommerceGenerator.STEPS.size() + 1]);
            if (step == 1) {
                a[0] += entered;
            }
            a[step] += reached;
        }
        assertThat(traffic.rows(TrafficTable.FUNNEL_CHANNEL_DAYS)).hasSize(channels.size());
        for (Object[] r : traffic.rows(TrafficTable.FUNNEL_CHANNEL_DAYS)) {
            long[] c =
                    channels.get(
                            List.of(
                                    value(TrafficTable.FUNNEL_CHANNEL_DAYS, r, "day"),
                                    value(TrafficTable.FUNNEL_CHANNEL_DAYS, r, "channel"),
                                    value(TrafficTable.FUNNEL_CHANNEL_DAYS, r, "campaign"),
                                    ((Number) value(TrafficTable.FUNNEL_CHANNEL_DAYS, r, "step"))
                                            .intValue()));
            assertThat(c).isNotNull();
            assertThat(value(TrafficTable.FUNNEL_CHANNEL_DAYS, r, "entered")).isEqualTo(c[0]);
            assertThat(value(TrafficTable.FUNNEL_CHANNEL_DAYS, r, "reached")).isEqualTo(c[1]);
        }
        assertThat(traffic.rows(TrafficTable.FUNNEL_AGENT_DAYS)).hasSize(agents.size());
        for (Object[] r : traffic.rows(TrafficTable.FUNNEL_AGENT_DAYS)) {
            long[] a =
                    agents.get(
                            List.of(
                                    value(TrafficTable.FUNNEL_AGENT_DAYS, r, "day"),
                                    value(TrafficTable.FUNNEL_AGENT_DAYS, r, "agent_id")));
            assertThat(a).isNotNull();
            assertThat(value(TrafficTable.FUNNEL_AGENT_DAYS, r, "entered")).isEqualTo(a[0]);
            List<Long> reached = new ArrayList<>();
            for (int k = 1; k < a.length; k++) {
                reached.add(a[k]);
            }
            assertThat(value(TrafficTable.FUNNEL_AGENT_DAYS, r, "reached")).isEqualTo(reached);
        }
    }

    @Test
    void customerValuesScoreEveryBookingCustomerAndSomeCustomersReturn() {
        CollectedTraffic traffic =
                generate(TrafficSpec.utcDays("default", 3, 12, DAY.start(), 2, 7));
        Set<Object> booked = new HashSet<>();
        traffic.where(TrafficTable.BUSINESS_EVENTS, "type", "BOOKING_MADE")
                .forEach(r -> booked.add(value(TrafficTable.BUSINESS_EVENTS, r, "customer_id")));
        List<Object[]> fits = traffic.rows(TrafficTable.CUSTOMER_VALUE_FITS);
        assertThat(fits).hasSize(2);
        Object[] latest = fits.get(1);
        // Rows of the latest fit (a day's late bookings may make two fits score the same as_of).
        List<Object[]> values =
                traffic.where(
                        TrafficTable.CUSTOMER_VALUE,
                        "fit_version",
                        value(TrafficTable.CUSTOMER_VALUE_FITS, latest, "fit_version"));
        assertThat(values)
                .allMatch(
                        v ->
                                value(TrafficTable.CUSTOMER_VALUE, v, "as_of")
                                        .equals(
                                                value(
                                                        TrafficTable.CUSTOMER_VALUE_FITS,
                                                        latest,
                                                        "as_of")));
        assertThat(values.stream().map(v -> value(TrafficTable.CUSTOMER_VALUE, v, "customer_id")))
                .containsExactlyInAnyOrderElementsOf(booked);
        assertThat(value(TrafficTable.CUSTOMER_VALUE_FITS, latest, "customers"))
                .isEqualTo((long) booked.size());
        for (Object[] v : values) {
            assertThat(value(TrafficTable.CUSTOMER_VALUE, v, "fit_version"))
                    .isEqualTo(value(TrafficTable.CUSTOMER_VALUE_FITS, latest, "fit_version"));
            assertThat((Double) value(TrafficTable.CUSTOMER_VALUE, v, "probability_alive"))
                    .isBetween(0.0, 1.0);
        }
        // Returning customers: some customer has contacts on both days, and is a customers row
        // of each (a newer version the second day).
        Map<Object, Set<Object>> daysOfCustomer = new HashMap<>();
        for (Object[] r : traffic.rows(TrafficTable.CUSTOMERS)) {
            daysOfCustomer
                    .computeIfAbsent(
                            value(TrafficTable.CUSTOMERS, r, "customer_id"), c -> new HashSet<>())
                    .add(value(TrafficTable.CUSTOMERS, r, "version"));
        }
        assertThat(daysOfCustomer.values()).anyMatch(v -> v.size() == 2);
        Set<Object> contactCustomers = new HashSet<>();
        traffic.rows(TrafficTable.CONTACT_EVENTS)
                .forEach(
                        r ->
                                contactCustomers.add(
                                        value(TrafficTable.CONTACT_EVENTS, r, "customer_id")));
        for (Object customer : daysOfCustomer.keySet()) {
            if (!((String) customer).contains("-L")) {
                assertThat(contactCustomers).contains(customer);
            }
        }
    }
}
