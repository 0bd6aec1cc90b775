package io.ringstream.analytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows per minute boundary: interval so far, closing interval, sliding window; snapshots. */
class QueueKpiAggregatorTest {
    private static final long T0 = 1_709_287_200_000L; // 10:00, an interval start
    private static final long S = 1_000;
    private static final long MIN = 60 * S;

    private final KpiSettings settings =
            new KpiSettings(
                    QueueTargets.parse("sales=80/20"),
                    5_000,
                    ServiceLevelConvention.ABANDONS_COUNT_AGAINST,
                    15,
                    5);
    private final QueueKpiAggregator aggregator = new QueueKpiAggregator(settings);
    private final List<QueueKpiRow> rows = new ArrayList<>();

    private QueueKpiState state;

    private void fact(KpiFact f) {
        if (state == null) {
            state = aggregator.start(f.tenant(), f.queue(), f.time());
        }
        rows.addAll(aggregator.advanceTo(state, f.time()));
        assertThat(aggregator.apply(state, f)).isTrue();
    }

    private static KpiFact contact(FactType type, String id, long t, long wait, long duration) {
        return KpiFact.contact(type, "acme", "sales", t, id, wait, duration);
    }

    private QueueKpiRow last(WindowKind kind) {
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (rows.get(i).windowKind() == kind) {
                return rows.get(i);
            }
        }
        throw new AssertionError("no " + kind + " row");
    }

    @Test
    void serviceLevelUnderEachConventionAndTheWallboardsChoice() {
        fact(KpiFact.agent("acme", "sales", T0, "a1", AgentPresence.READY));
        fact(contact(FactType.OFFERED, "c1", T0 + S, 0, 0));
        fact(contact(FactType.OFFERED, "c2", T0 + 2 * S, 0, 0));
        fact(contact(FactType.ANSWERED, "c1", T0 + 11 * S, 10 * S, 0));
        fact(contact(FactType.ANSWERED, "c2", T0 + 32 * S, 30 * S, 0));
        fact(contact(FactType.OFFERED, "c3", T0 + 40 * S, 0, 0));
        fact(contact(FactType.ABANDONED, "c3", T0 + 43 * S, 3 * S, 0)); // short
        fact(contact(FactType.OFFERED, "c4", T0 + 45 * S, 0, 0));
        fact(contact(FactType.ABANDONED, "c4", T0 + 55 * S, 10 * S, 0)); // in time, not short
        rows.addAll(aggregator.advanceTo(state, T0 + MIN));

        QueueKpiRow interval = last(WindowKind.INTERVAL);
        assertThat(interval.closed()).isFalse();
        assertThat(interval.asOf()).isEqualTo(T0 + MIN);
        assertThat(interval.slAnsweredOnly()).isEqualTo(0.5);
        assertThat(interval.slAbandonsCountAgainst()).isEqualTo(1 / 3.0);
        assertThat(interval.slLeftQueue()).isEqualTo(2 / 3.0);
        assertThat(interval.serviceLevel()).isEqualTo(interval.slAbandonsCountAgainst());
        assertThat(interval.wallboardConvention()).isEqualTo("abandons-count-against");
        assertThat(interval.asaMs()).isEqualTo(20_000.0);
        assertThat(interval.counters().maxWaitMs).isEqualTo(30_000);
        assertThat(interval.counters().shortAbandoned).isEqualTo(1);
    }

    @Test
    void aQuietIntervalStillClosesWithItsSnapshotAndTheSlidingWindowMovesEveryMinute() {
        fact(KpiFact.agent("acme", "sales", T0, "a1", AgentPresence.BUSY));
        fact(KpiFact.agent("acme", "sales", T0, "a2", AgentPresence.READY));
        fact(contact(FactType.OFFERED, "c1", T0 + 3 * MIN, 0, 0));
        fact(contact(FactType.TALK, "c0", T0 + 4 * MIN, 0, 100 * S));

        rows.addAll(aggregator.advanceTo(state, T0 + 15 * MIN));

        QueueKpiRow closing = last(WindowKind.INTERVAL);
        assertThat(closing.closed()).isTrue();
        assertThat(closing.windowStart()).isEqualTo(T0);
        assertThat(closing.asOf()).isEqualTo(T0 + 15 * MIN);
        assertThat(closing.waitingNow()).isEqualTo(1);
        assertThat(closing.longestWaitNowMs()).isEqualTo(12 * MIN);
        assertThat(closing.agentsBusy()).isEqualTo(1);
        assertThat(closing.agentsReady()).isEqualTo(1);
        assertThat(closing.counters().busyMs).isEqualTo(15 * MIN);
        assertThat(closing.occupancy()).isEqualTo(0.5);
        assertThat(closing.agentsStaffed()).isEqualTo(2.0);
        assertThat(closing.avgWaiting()).isEqualTo(12 / 15.0);
        assertThat(closing.ahtMs()).isEqualTo(100_000.0);

        List<QueueKpiRow> sliding =
                rows.stream().filter(r -> r.windowKind() == WindowKind.SLIDING).toList();
        assertThat(sliding)
                .extracting(QueueKpiRow::windowEnd)
                .containsSequence(T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN);
        QueueKpiRow fiveMinutes =
                sliding.stream()
                        .filter(r -> r.windowEnd() == T0 + 5 * MIN)
                        .findFirst()
                        .orElseThrow();
        assertThat(fiveMinutes.counters().offered).isEqualTo(1);
        assertThat(fiveMinutes.counters().handled).isEqualTo(1);
        QueueKpiRow tenMinutes =
                sliding.stream()
                        .filter(r -> r.windowEnd() == T0 + 10 * MIN)
                        .findFirst()
                        .orElseThrow();
        assertThat(tenMinutes.counters().offered).as("5 minutes later, out of the window").isZero();
        assertThat(tenMinutes.counters().waitingMs).isEqualTo(5 * MIN);
    }

    @Test
    void erlangStaffingFromTheWindowsArrivalRateAndHandleTime() {
        // 30 arrivals in a 15-minute interval, AHT 240 s: 8 Erlangs.
        for (int i = 0; i < 30; i++) {
            long t = T0 + i * 20 * S;
            fact(contact(FactType.OFFERED, "c" + i, t, 0, 0));
            fact(contact(FactType.LEFT, "c" + i, t, 0, 0));
            fact(contact(FactType.TALK, "c" + i, t + 1, 0, 240 * S));
        }
        rows.addAll(aggregator.advanceTo(state, T0 + 15 * MIN));

        QueueKpiRow closing = last(WindowKind.INTERVAL);
        assertThat(closing.erlangAgentsRequired())
                .isEqualTo(io.ringstream.queueing.ErlangC.requiredAgents(8.0, 240, 0.8, 20));
        assertThat(closing.erlangAgentsRequired()).isBetween(9, 14);
    }

    @Test
    void nothingIsEmittedForWindowsWithoutActivityAndAnEmptyQueueIsIdle() {
        fact(contact(FactType.OFFERED, "c1", T0 + S, 0, 0));
        fact(contact(FactType.LEFT, "c1", T0 + 2 * S, 0, 0));
        rows.addAll(aggregator.advanceTo(state, T0 + 30 * MIN));

        assertThat(rows.stream().filter(r -> r.windowKind() == WindowKind.INTERVAL && r.closed()))
                .extracting(QueueKpiRow::windowStart)
                .containsExactly(T0);
        assertThat(rows.stream().filter(r -> r.windowKind() == WindowKind.SLIDING))
                .extracting(QueueKpiRow::windowEnd)
                .containsExactly(T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN, T0 + 4 * MIN, T0 + 5 * MIN);
        assertThat(aggregator.idle(state)).isTrue();
    }

    @Test
    void aLateFactUpdatesWhoWaitsButNotTheCountsAlreadyReported() {
        fact(contact(FactType.OFFERED, "c1", T0 + S, 0, 0));
        rows.addAll(aggregator.advanceTo(state, T0 + 2 * MIN));

        assertThat(
                        aggregator.apply(
                                state, contact(FactType.ANSWERED, "c1", T0 + 30 * S, 29 * S, 0)))
                .isFalse();
        assertThat(aggregator.apply(state, contact(FactType.LEFT, "c1", T0 + 30 * S, 29 * S, 0)))
                .isTrue();

        assertThat(state.waiting).isEmpty();
        assertThat(state.interval.answered).isZero();
    }
}
