package io.ringstream.testkit.traffic;

import static io.ringstream.testkit.traffic.CollectedTraffic.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
            assertThat(a.rows(table)).as(table.name()).isNotEmpty();
            assertThat(a.rows(table)).as(table.name()).hasSameSizeAs(b.rows(table));
            for (int i = 0; i < a.rows(table).size(); i++) {
                assertThat(a.rows(table).get(i)).isEqualTo(b.rows(table).get(i));
            }
        }
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
}
