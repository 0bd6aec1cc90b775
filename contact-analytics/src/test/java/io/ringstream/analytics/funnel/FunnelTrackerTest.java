package io.ringstream.analytics.funnel;

import static io.ringstream.analytics.funnel.FunnelFixtures.CUSTOMER;
import static io.ringstream.analytics.funnel.FunnelFixtures.T0;
import static io.ringstream.analytics.funnel.FunnelFixtures.a;
import static io.ringstream.analytics.funnel.FunnelFixtures.abc;
import static io.ringstream.analytics.funnel.FunnelFixtures.answered;
import static io.ringstream.analytics.funnel.FunnelFixtures.b;
import static io.ringstream.analytics.funnel.FunnelFixtures.business;
import static io.ringstream.analytics.funnel.FunnelFixtures.c;
import static io.ringstream.analytics.funnel.FunnelFixtures.other;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.events.BusinessEventType;
import io.ringstream.events.Channel;
import io.ringstream.events.FunnelDefinition;
import io.ringstream.events.FunnelDefinition.Attribution;
import io.ringstream.events.FunnelDefinition.OrderMode;
import io.ringstream.events.RingstreamEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunnelTrackerTest {
    private static final long W = 10_000;

    /** Applies events in order; returns every row emitted. */
    private static List<FunnelProgress> run(FunnelDefinition f, RingstreamEvent... events) {
        FunnelTracker tracker = new FunnelTracker(f, CUSTOMER);
        List<FunnelProgress> out = new ArrayList<>();
        for (RingstreamEvent e : events) {
            out.addAll(tracker.apply(e));
        }
        return out;
    }

    private static int furthest(List<FunnelProgress> rows) {
        return rows.stream().mapToInt(FunnelProgress::stepsReached).max().orElse(0);
    }

    @Test
    void stepsInOrderWithinTheWindowEmitEachNewFurthestStep() {
        List<FunnelProgress> rows =
                run(abc(W, OrderMode.ORDERED), a(T0), other(T0 + 1), b(T0 + 2), c(T0 + 3));

        assertThat(rows).extracting(FunnelProgress::stepsReached).containsExactly(1, 2, 3);
        FunnelProgress last = rows.get(2);
        assertThat(last.converted()).isTrue();
        assertThat(last.windowStart()).isEqualTo(T0);
        assertThat(last.episodeStart()).isEqualTo(T0);
        assertThat(last.steps()).extracting(StepHit::time).containsExactly(T0, T0 + 2, T0 + 3);
    }

    @Test
    void equalTimestampsCountInTheOrderGiven() {
        assertThat(furthest(run(abc(W, OrderMode.ORDERED), a(T0), b(T0), c(T0)))).isEqualTo(3);
        // windowFunnel sorts stably by time only: B given before A at the same time is not after
        // it.
        assertThat(furthest(run(abc(W, OrderMode.ORDERED), b(T0), a(T0), c(T0)))).isEqualTo(1);
    }

    @Test
    void anEventExactlyOnTheWindowBoundaryCounts() {
        // windowFunnel: timestamp <= start + window.
        assertThat(furthest(run(abc(W, OrderMode.ORDERED), a(T0), b(T0 + W), c(T0 + W))))
                .isEqualTo(3);
        assertThat(furthest(run(abc(W, OrderMode.ORDERED), a(T0), b(T0 + W), c(T0 + W + 1))))
                .isEqualTo(2);
    }

    @Test
    void aRepeatedFirstStepRestartsTheWindowAtTheLatestStart() {
        // A@0 B@5 is stuck at 2 (C@12 is past 0+10); A@6 B@7 C@12 makes it with the later start.
        List<FunnelProgress> rows =
                run(
                        abc(W, OrderMode.ORDERED),
                        a(T0),
                        b(T0 + 5000),
                        a(T0 + 6000),
                        b(T0 + 7000),
                        c(T0 + 12_000));
        assertThat(furthest(rows)).isEqualTo(3);
        FunnelProgress done = rows.get(rows.size() - 1);
        assertThat(done.windowStart()).isEqualTo(T0 + 6000);
        assertThat(done.episodeStart()).isEqualTo(T0);
    }

    @Test
    void repeatedMiddleStepsDoNotRepeatRows() {
        List<FunnelProgress> rows =
                run(abc(W, OrderMode.ORDERED), a(T0), b(T0 + 1), b(T0 + 2), b(T0 + 3));
        assertThat(rows).extracting(FunnelProgress::stepsReached).containsExactly(1, 2);
    }

    @Test
    void reEntryAfterAnExpiredWindowStartsANewEpisode() {
        List<FunnelProgress> rows =
                run(
                        abc(W, OrderMode.ORDERED),
                        a(T0),
                        b(T0 + 1),
                        c(T0 + 2),
                        a(T0 + 3 * W),
                        b(T0 + 3 * W + 1));
        assertThat(rows).extracting(FunnelProgress::stepsReached).containsExactly(1, 2, 3, 1, 2);
        assertThat(rows.get(3).episodeStart()).isEqualTo(T0 + 3 * W);
    }

    @Test
    void reEntryWithinAnOpenEpisodeDoesNotLowerTheFurthestStep() {
        List<FunnelProgress> rows =
                run(abc(W, OrderMode.ORDERED), a(T0), b(T0 + 1), c(T0 + 2), a(T0 + 3), b(T0 + 4));
        assertThat(rows).extracting(FunnelProgress::stepsReached).containsExactly(1, 2, 3);
    }

    @Test
    void oneEventMatchingTwoStepsAdvancesAnAttemptOneStep() {
        FunnelDefinition twice =
                new FunnelDefinition(
                        1,
                        "f",
                        "default",
                        T0,
                        "t",
                        "twice",
                        "Twice",
                        List.of(
                                FunnelDefinition.Step.business(
                                        "first", BusinessEventType.BOOKING_MADE),
                                new FunnelDefinition.Step(
                                        "second",
                                        FunnelDefinition.EventKind.BUSINESS,
                                        "BOOKING_MADE",
                                        null,
                                        Map.of())),
                        W,
                        OrderMode.ORDERED,
                        Attribution.LAST_TOUCH,
                        true);
        assertThat(furthest(run(twice, b(T0)))).isEqualTo(1);
        assertThat(furthest(run(twice, b(T0), b(T0 + 1)))).isEqualTo(2);
    }

    @Test
    void strictModeBreaksOnAnotherStepInBetween() {
        FunnelDefinition strict = abc(W, OrderMode.STRICT);
        // C between A and B is another step of the funnel in between: the attempt ends at A.
        assertThat(furthest(run(strict, a(T0), c(T0 + 1), b(T0 + 2), c(T0 + 3)))).isEqualTo(1);
        assertThat(furthest(run(abc(W, OrderMode.ORDERED), a(T0), c(T0 + 1), b(T0 + 2), c(T0 + 3))))
                .isEqualTo(3);
        // A repeat of the last step reached and non-step events do not break it.
        assertThat(furthest(run(strict, a(T0), b(T0 + 1), b(T0 + 2), other(T0 + 3), c(T0 + 4))))
                .isEqualTo(3);
        // A new first step breaks an attempt past step 1 and starts another.
        assertThat(furthest(run(strict, a(T0), b(T0 + 1), a(T0 + 2), c(T0 + 3)))).isEqualTo(2);
    }

    @Test
    void anOlderEventIsRefused() {
        FunnelTracker tracker = new FunnelTracker(abc(W, OrderMode.ORDERED), CUSTOMER);
        tracker.apply(a(T0 + 5));
        assertThatThrownBy(() -> tracker.apply(b(T0 + 4)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(tracker.apply(b(T0 + 5))).hasSize(1);
    }

    @Test
    void anotherCustomersEventIsRefused() {
        FunnelTracker tracker = new FunnelTracker(abc(W, OrderMode.ORDERED), "someone-else");
        assertThatThrownBy(() -> tracker.apply(a(T0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stateCanBeClearedOnceEveryWindowHasPassed() {
        FunnelTracker tracker = new FunnelTracker(abc(W, OrderMode.ORDERED), CUSTOMER);
        assertThat(tracker.canClear(T0)).isTrue();
        tracker.apply(a(T0));
        tracker.apply(b(T0 + 100));
        assertThat(tracker.keptUntil()).isEqualTo(T0 + W);
        assertThat(tracker.canClear(T0 + W)).isFalse();
        assertThat(tracker.canClear(T0 + W + 1)).isTrue();
    }

    @Test
    void aRememberedContactKeepsStateForOneWindow() {
        FunnelTracker tracker = new FunnelTracker(abc(W, OrderMode.ORDERED), CUSTOMER);
        tracker.apply(answered("call-1", "agent-7", Channel.VOICE, T0));
        assertThat(tracker.keptUntil()).isEqualTo(T0 + W);
        assertThat(tracker.canClear(T0 + W + 1)).isTrue();
    }

    @Test
    void creditsTheContactUnderEachRule() {
        FunnelTracker tracker = new FunnelTracker(abc(W, OrderMode.ORDERED), CUSTOMER);
        tracker.apply(answered("call-1", "agent-1", Channel.VOICE, T0));
        List<FunnelProgress> lead =
                tracker.apply(
                        business(
                                BusinessEventType.LEAD_CREATED,
                                T0 + 10,
                                null,
                                null,
                                Map.of("campaign", "summer", "sourceChannel", "phone")));
        tracker.apply(answered("chat-2", "agent-2", Channel.CHAT, T0 + 20));
        tracker.apply(answered("call-3", "agent-3", Channel.VOICE, T0 + 30));
        List<FunnelProgress> booked =
                tracker.apply(
                        business(
                                BusinessEventType.BOOKING_MADE, T0 + 40, null, "chat-2", Map.of()));
        tracker.apply(answered("call-4", "agent-4", Channel.VOICE, T0 + 50));
        List<FunnelProgress> paid = tracker.apply(c(T0 + 60));

        StepHit leadHit = lead.get(0).steps().get(0);
        assertThat(leadHit.campaign()).isEqualTo("summer");
        assertThat(leadHit.credited(Attribution.LAST_TOUCH).agentId()).isEqualTo("agent-1");

        StepHit bookedHit = booked.get(0).steps().get(1);
        assertThat(bookedHit.credited(Attribution.FIRST_TOUCH).contactId()).isEqualTo("call-1");
        assertThat(bookedHit.credited(Attribution.LAST_TOUCH).contactId()).isEqualTo("call-3");
        // The booking names the chat that led to it.
        assertThat(bookedHit.credited(Attribution.PRECEDING_CONTACT).channel())
                .isEqualTo(Channel.CHAT);

        StepHit paidHit = paid.get(0).steps().get(2);
        assertThat(paidHit.credited(Attribution.PRECEDING_CONTACT).contactId()).isEqualTo("call-4");
        assertThat(paidHit.credited(Attribution.LAST_TOUCH).agentId()).isEqualTo("agent-4");
        assertThat(paidHit.campaign()).isEqualTo("summer");
    }

    @Test
    void noContactInBetweenMeansNoPrecedingCredit() {
        FunnelTracker tracker = new FunnelTracker(abc(W, OrderMode.ORDERED), CUSTOMER);
        tracker.apply(answered("call-1", "agent-1", Channel.VOICE, T0));
        tracker.apply(a(T0 + 1));
        StepHit hit = tracker.apply(b(T0 + 2)).get(0).steps().get(1);
        assertThat(hit.credited(Attribution.PRECEDING_CONTACT)).isNull();
        assertThat(hit.credited(Attribution.LAST_TOUCH).contactId()).isEqualTo("call-1");
    }
}
