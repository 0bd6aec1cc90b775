package io.ringstream.flink.stats;

import static io.ringstream.testkit.TestEvents.T0;
import static io.ringstream.testkit.TestEvents.abandoned;
import static io.ringstream.testkit.TestEvents.answered;
import static io.ringstream.testkit.TestEvents.arrived;
import static io.ringstream.testkit.TestEvents.ended;
import static io.ringstream.testkit.TestEvents.queued;
import static io.ringstream.testkit.TestEvents.talkEnded;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.testkit.TestEvents;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The counting conventions of the per-contact logic, including replays and transfers. */
class ContactTrackerTest {
    private static final String T = "acme";
    private static final long MIN = 60_000L;
    private static final long I15 = 15 * MIN;

    private final ContactTracker tracker =
            new ContactTracker(new Intervals(15), ServiceLevelThresholds.parse("support=30"));

    private List<QueueDelta> run(ContactState state, ContactEvent... events) {
        List<QueueDelta> all = new ArrayList<>();
        for (ContactEvent e : events) {
            all.addAll(tracker.apply(state, e));
        }
        return all;
    }

    private static Map<String, IntervalStats> sum(List<QueueDelta> deltas) {
        Map<String, IntervalStats> rows = new HashMap<>();
        for (QueueDelta d : deltas) {
            rows.computeIfAbsent(
                            d.queue() + "@" + d.intervalStart(),
                            k -> IntervalStats.empty(d.tenant(), d.queue(), d.intervalStart()))
                    .add(d);
        }
        return rows;
    }

    @Test
    void answeredContactCountsOfferedAnsweredWaitAndTalkInItsQueuedInterval() {
        ContactState state = new ContactState();
        // Queued one minute before the interval ends, answered and talking in the next interval.
        long q = T0 + 14 * MIN;
        List<QueueDelta> deltas =
                run(
                        state,
                        arrived(T, "c1", q - 5_000),
                        queued(T, "c1", "sales", q),
                        answered(T, "c1", "sales", q + 90_000, 90_000L),
                        talkEnded(T, "c1", q + 300_000, 210_000),
                        ended(T, "c1", q + 301_000));

        Map<String, IntervalStats> rows = sum(deltas);
        assertThat(rows).containsOnlyKeys("sales@" + (T0));
        IntervalStats row = rows.get("sales@" + T0);
        assertThat(row.offered).isEqualTo(1);
        assertThat(row.answered).isEqualTo(1);
        assertThat(row.answeredWithinThreshold).isZero();
        assertThat(row.totalWaitMillis).isEqualTo(90_000);
        assertThat(row.totalTalkMillis).isEqualTo(210_000);
        assertThat(row.abandoned).isZero();
        assertThat(state.endedAt).isEqualTo(q + 301_000);
        assertThat(state.lastEventTime).isEqualTo(q + 301_000);
    }

    @Test
    void waitWithoutWaitMillisIsAnswerTimeMinusQueueTime() {
        List<QueueDelta> deltas =
                run(
                        new ContactState(),
                        queued(T, "c1", "sales", T0),
                        answered(T, "c1", "sales", T0 + 12_345, null));

        assertThat(deltas.get(1).waitMillis()).isEqualTo(12_345);
        assertThat(deltas.get(1).answeredWithinThreshold()).isEqualTo(1);
    }

    @Test
    void thresholdIsInclusiveAndPerQueue() {
        assertThat(withinFor("sales", 20_000)).isEqualTo(1);
        assertThat(withinFor("sales", 20_001)).isZero();
        assertThat(withinFor("support", 30_000)).isEqualTo(1);
        assertThat(withinFor("support", 30_001)).isZero();
    }

    private long withinFor(String queue, long wait) {
        List<QueueDelta> deltas =
                run(
                        new ContactState(),
                        queued(T, "c", queue, T0),
                        answered(T, "c", queue, T0 + wait, wait));
        return deltas.get(1).answeredWithinThreshold();
    }

    @Test
    void abandonedContactCountsNoWaitOrTalk() {
        List<QueueDelta> deltas =
                run(
                        new ContactState(),
                        queued(T, "c1", "sales", T0),
                        abandoned(T, "c1", "sales", T0 + 40_000, 40_000),
                        ended(T, "c1", T0 + 40_000));

        IntervalStats row = sum(deltas).get("sales@" + T0);
        assertThat(row.offered).isEqualTo(1);
        assertThat(row.abandoned).isEqualTo(1);
        assertThat(row.answered).isZero();
        assertThat(row.totalWaitMillis).isZero();
    }

    @Test
    void replayedEventsCountNothing() {
        ContactState state = new ContactState();
        ContactEvent[] life = {
            queued(T, "c1", "sales", T0),
            answered(T, "c1", "sales", T0 + 5_000, 5_000L),
            talkEnded(T, "c1", T0 + 65_000, 60_000),
            ended(T, "c1", T0 + 66_000)
        };
        assertThat(run(state, life)).hasSize(3);

        assertThat(run(state, life)).isEmpty();
        assertThat(run(state, life[1], life[0], life[2])).isEmpty();
        assertThat(state.visits).hasSize(1);
    }

    @Test
    void transferIntoAnotherQueueIsOfferedThereAndTalkGoesToEachStay() {
        ContactState state = new ContactState();
        List<QueueDelta> deltas =
                run(
                        state,
                        queued(T, "c1", "sales", T0),
                        answered(T, "c1", "sales", T0 + 10_000, 10_000L),
                        talkEnded(T, "c1", T0 + 70_000, 60_000),
                        TestEvents.contact(T, "c1", ContactEventType.TRANSFERRED, T0 + 70_000)
                                .attributes(Map.of("targetQueue", "support"))
                                .build(),
                        queued(T, "c1", "support", T0 + 16 * MIN),
                        answered(T, "c1", "support", T0 + 17 * MIN, 60_000L),
                        talkEnded(T, "c1", T0 + 20 * MIN, 180_000));

        Map<String, IntervalStats> rows = sum(deltas);
        IntervalStats sales = rows.get("sales@" + T0);
        IntervalStats support = rows.get("support@" + (T0 + I15));
        assertThat(sales.offered).isEqualTo(1);
        assertThat(sales.answered).isEqualTo(1);
        assertThat(sales.totalTalkMillis).isEqualTo(60_000);
        assertThat(support.offered).isEqualTo(1);
        assertThat(support.answered).isEqualTo(1);
        assertThat(support.totalWaitMillis).isEqualTo(60_000);
        assertThat(support.totalTalkMillis).isEqualTo(180_000);
    }

    @Test
    void repeatedQueuedWhileWaitingIsTheSameStay() {
        List<QueueDelta> deltas =
                run(
                        new ContactState(),
                        queued(T, "c1", "sales", T0),
                        queued(T, "c1", "sales", T0 + 1_000),
                        answered(T, "c1", "sales", T0 + 2_000, 2_000L));

        IntervalStats row = sum(deltas).get("sales@" + T0);
        assertThat(row.offered).isEqualTo(1);
        assertThat(row.answered).isEqualTo(1);
    }

    @Test
    void outcomeWithoutQueuedInfersTheStayAndALaterQueuedOnlyRecordsItsId() {
        ContactState state = new ContactState();
        long answerAt = T0 + I15 + 10_000;
        List<QueueDelta> deltas = run(state, answered(T, "c1", "sales", answerAt, 25_000L));

        // Queued 25 s before the answer, i.e. in the previous interval.
        IntervalStats row = sum(deltas).get("sales@" + T0);
        assertThat(row.offered).isEqualTo(1);
        assertThat(row.answered).isEqualTo(1);
        assertThat(row.answeredWithinThreshold).isZero();

        assertThat(run(state, queued(T, "c1", "sales", answerAt - 25_000))).isEmpty();
        assertThat(state.visits).hasSize(1);
        assertThat(state.visits.get(0).queuedEventId).isNotNull();
    }

    @Test
    void talkWithoutAnAnsweredStayIsNotAQueueStatistic() {
        ContactState state = new ContactState();
        assertThat(run(state, arrived(T, "c1", T0), talkEnded(T, "c1", T0 + 1_000, 500))).isEmpty();
        assertThat(state.hasVisits()).isFalse();
    }

    @Test
    void contactNeverQueuedLeavesNoVisits() {
        ContactState state = new ContactState();
        run(state, arrived(T, "c1", T0), ended(T, "c1", T0 + 1_000));
        assertThat(state.hasVisits()).isFalse();
        assertThat(state.ended()).isTrue();
    }

    /**
     * Random contact lives with random replays: the summed deltas must equal what the scenario says
     * happened, and offered = answered + abandoned + waiting must hold per interval.
     */
    @Test
    void randomLivesWithReplaysAddUpPerInterval() {
        Random random = new Random(42);
        Map<String, long[]> expected = new HashMap<>(); // offered, answered, abandoned, waiting
        List<QueueDelta> deltas = new ArrayList<>();
        for (int c = 0; c < 500; c++) {
            String id = "c" + c;
            String queue = random.nextBoolean() ? "sales" : "support";
            long q = T0 + random.nextInt(60) * MIN + random.nextInt(60_000);
            long wait = random.nextInt(90_000);
            String key = queue + "@" + new Intervals(15).startOf(q);
            long[] exp = expected.computeIfAbsent(key, k -> new long[4]);
            exp[0]++;
            List<ContactEvent> life = new ArrayList<>();
            life.add(queued(T, id, queue, q));
            switch (random.nextInt(3)) {
                case 0 -> {
                    life.add(answered(T, id, queue, q + wait, wait));
                    life.add(talkEnded(T, id, q + wait + 60_000, 60_000));
                    exp[1]++;
                }
                case 1 -> {
                    life.add(abandoned(T, id, queue, q + wait, wait));
                    exp[2]++;
                }
                default -> exp[3]++;
            }
            // Replay a random prefix of the life again (a producer retried).
            List<ContactEvent> withReplays = new ArrayList<>(life);
            withReplays.addAll(life.subList(0, random.nextInt(life.size() + 1)));
            Collections.shuffle(withReplays.subList(life.size(), withReplays.size()), random);
            ContactState state = new ContactState();
            for (ContactEvent e : withReplays) {
                deltas.addAll(tracker.apply(state, e));
            }
        }

        Map<String, IntervalStats> rows = sum(deltas);
        assertThat(rows.keySet()).isEqualTo(expected.keySet());
        expected.forEach(
                (key, exp) -> {
                    IntervalStats row = rows.get(key);
                    assertThat(new long[] {row.offered, row.answered, row.abandoned})
                            .as(key)
                            .containsExactly(exp[0], exp[1], exp[2]);
                    assertThat(row.offered - row.answered - row.abandoned).isEqualTo(exp[3]);
                    assertThat(row.totalTalkMillis).isEqualTo(row.answered * 60_000);
                });
    }
}
