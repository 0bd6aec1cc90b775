package io.ringstream.analytics.funnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ringstream.analytics.funnel.FunnelDayStats.Contribution;
import io.ringstream.analytics.funnel.FunnelDayStats.Result;
import io.ringstream.analytics.funnel.FunnelDayStats.StepStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One cohort day's funnel_stats numbers, against counts and quantiles worked out by hand. */
class FunnelDayStatsTest {

    private static final FunnelCell PHONE_ANN = new FunnelCell("VOICE", "spring", "ann");
    private static final FunnelCell CHAT_BOB = new FunnelCell("CHAT", "", "bob");
    private static final FunnelCell NONE = new FunnelCell(null, null, null);

    private static Contribution episode(FunnelCell cell, long... stepSeconds) {
        List<Long> times = new ArrayList<>();
        for (long s : stepSeconds) {
            times.add(1_000_000L + s * 1000);
        }
        return new Contribution(cell, times);
    }

    @Test
    void countsEnteredReachedAndTheQuantilesOfEachStep() {
        List<Contribution> day =
                List.of(
                        episode(PHONE_ANN, 0, 10, 40),
                        episode(PHONE_ANN, 0, 20),
                        episode(PHONE_ANN, 0),
                        episode(PHONE_ANN, 100, 130, 150));

        Result result = FunnelDayStats.compute(3, day, Set.of());

        assertThat(result.cells()).containsExactly(PHONE_ANN);
        assertThat(result.rows())
                .containsExactly(
                        // step 1: all four, no times (always 0)
                        new StepStats(PHONE_ANN, 1, 4, 4, null, null, null, null),
                        // step 2: from previous = from entry = {10, 20, 30}: median 20, p90 30
                        new StepStats(PHONE_ANN, 2, 4, 3, 20.0, 30.0, 20.0, 30.0),
                        // step 3: from previous {30, 20} -> index 1 of 20 30 = 30 for both;
                        // from entry {40, 50} -> 50 for both
                        new StepStats(PHONE_ANN, 3, 4, 2, 30.0, 30.0, 50.0, 50.0));
    }

    @Test
    void aStepNobodyReachedHasNoTimes() {
        Result result = FunnelDayStats.compute(3, List.of(episode(CHAT_BOB, 0)), Set.of());

        assertThat(result.rows())
                .containsExactly(
                        new StepStats(CHAT_BOB, 1, 1, 1, null, null, null, null),
                        new StepStats(CHAT_BOB, 2, 1, 0, null, null, null, null),
                        new StepStats(CHAT_BOB, 3, 1, 0, null, null, null, null));
    }

    @Test
    void aSingleEpisodeIsItsOwnMedianAndP90InFractionalSeconds() {
        Contribution one = new Contribution(CHAT_BOB, List.of(5_000L, 6_500L));

        Result result = FunnelDayStats.compute(2, List.of(one), Set.of());

        assertThat(result.rows().get(1))
                .isEqualTo(new StepStats(CHAT_BOB, 2, 1, 1, 1.5, 1.5, 1.5, 1.5));
    }

    @Test
    void tiedTimesAreCountedEachTime() {
        List<Contribution> day =
                List.of(
                        episode(NONE, 0, 5),
                        episode(NONE, 0, 5),
                        episode(NONE, 0, 7),
                        episode(NONE, 0, 5));

        StepStats step2 = FunnelDayStats.compute(2, day, Set.of()).rows().get(1);

        // 5 5 5 7: median index 2 -> 5, p90 index 3 -> 7
        assertThat(step2).isEqualTo(new StepStats(NONE, 2, 4, 4, 5.0, 7.0, 5.0, 7.0));
    }

    @Test
    void cellsAreSeparateAndSorted() {
        List<Contribution> day =
                List.of(episode(PHONE_ANN, 0, 10), episode(CHAT_BOB, 0), episode(NONE, 0, 1));

        Result result = FunnelDayStats.compute(2, day, Set.of());

        assertThat(result.rows())
                .extracting(StepStats::cell, StepStats::step, StepStats::entered)
                .containsExactly(
                        tuple(NONE, 1, 1L),
                        tuple(NONE, 2, 1L),
                        tuple(CHAT_BOB, 1, 1L),
                        tuple(CHAT_BOB, 2, 1L),
                        tuple(PHONE_ANN, 1, 1L),
                        tuple(PHONE_ANN, 2, 1L));
        assertThat(result.cells()).containsExactlyInAnyOrder(NONE, CHAT_BOB, PHONE_ANN);
    }

    @Test
    void aCellThatEmptiedIsWrittenOnceMoreWithZerosThenForgotten() {
        // the episode's furthest step moved its credit from Ann to Bob
        Result before = FunnelDayStats.compute(2, List.of(episode(PHONE_ANN, 0)), Set.of());
        List<Contribution> after = List.of(episode(CHAT_BOB, 0, 60));

        Result moved = FunnelDayStats.compute(2, after, before.cells());

        assertThat(moved.rows())
                .containsExactly(
                        new StepStats(CHAT_BOB, 1, 1, 1, null, null, null, null),
                        new StepStats(CHAT_BOB, 2, 1, 1, 60.0, 60.0, 60.0, 60.0),
                        new StepStats(PHONE_ANN, 1, 0, 0, null, null, null, null),
                        new StepStats(PHONE_ANN, 2, 0, 0, null, null, null, null));
        assertThat(moved.cells()).containsExactly(CHAT_BOB);

        Result again = FunnelDayStats.compute(2, after, moved.cells());
        assertThat(again.rows()).extracting(StepStats::cell).containsOnly(CHAT_BOB);
    }

    @Test
    void aRetractedEpisodeLeavesTheCountsAndAnEmptyCellGetsZeros() {
        Contribution stays = episode(PHONE_ANN, 0, 10);
        Contribution retracted = episode(PHONE_ANN, 0, 30);
        Contribution alone = episode(CHAT_BOB, 0);
        Result before = FunnelDayStats.compute(2, List.of(stays, retracted, alone), Set.of());
        assertThat(before.rows().get(3))
                .isEqualTo(new StepStats(PHONE_ANN, 2, 2, 2, 30.0, 30.0, 30.0, 30.0));

        Result after = FunnelDayStats.compute(2, List.of(stays), before.cells());

        assertThat(after.rows())
                .containsExactly(
                        new StepStats(CHAT_BOB, 1, 0, 0, null, null, null, null),
                        new StepStats(CHAT_BOB, 2, 0, 0, null, null, null, null),
                        new StepStats(PHONE_ANN, 1, 1, 1, null, null, null, null),
                        new StepStats(PHONE_ANN, 2, 1, 1, 10.0, 10.0, 10.0, 10.0));
    }

    @Test
    void anEmptyDayWritesOnlyTheZerosOfWhatItHadWritten() {
        Result result = FunnelDayStats.compute(1, List.of(), Set.of(NONE));

        assertThat(result.rows())
                .containsExactly(new StepStats(NONE, 1, 0, 0, null, null, null, null));
        assertThat(result.cells()).isEmpty();
    }
}
