package io.ringstream.flink.conversion.funnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ringstream.analytics.funnel.FunnelCell;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stats operator: a refresh after a change it rewrites every cell of the cohort day; cells that
 * empty get zeros; the day's state goes after its window and lateness (and a quiet spell).
 */
class FunnelStatsFunctionTest {
    /** 2024-03-01T00:00Z. */
    private static final long DAY_START = 1_709_251_200_000L;

    private static final long DAY = DAY_START / 86_400_000L;
    private static final long S = 1_000;
    private static final long H = 3_600 * S;
    private static final long WINDOW = 24 * H;
    private static final Duration REFRESH = Duration.ofSeconds(2);
    private static final Duration LATENESS = Duration.ofHours(1);
    private static final Duration QUIET = Duration.ofMinutes(5);
    private static final long CLEANUP_AT = DAY_START + 24 * H + WINDOW + H;
    private static final List<String> STEPS = List.of("lead", "quote", "booked");

    private KeyedOneInputStreamOperatorTestHarness<String, FunnelEpisode, FunnelStatsRow> harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new FunnelStatsFunction(REFRESH, LATENESS, QUIET),
                        FunnelEpisode::dayKey,
                        Types.STRING);
        harness.setProcessingTime(0);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    /** An episode of {@code customer} starting {@code startSeconds} into the day. */
    private static FunnelEpisode episode(
            String customer, String agent, long startSeconds, long... stepSeconds) {
        long start = DAY_START + startSeconds * S;
        List<Long> times = new ArrayList<>();
        for (long s : stepSeconds) {
            times.add(start + s * S);
        }
        return new FunnelEpisode(
                "acme",
                "sales",
                "Sales",
                STEPS,
                "LAST_TOUCH",
                WINDOW,
                customer,
                start,
                times,
                agent.isEmpty() ? "" : "VOICE",
                "",
                agent,
                false);
    }

    private static FunnelEpisode retraction(String customer, long startSeconds) {
        return FunnelEpisode.retraction(
                "acme",
                "sales",
                "Sales",
                STEPS,
                "LAST_TOUCH",
                WINDOW,
                customer,
                DAY_START + startSeconds * S);
    }

    private void send(FunnelEpisode e) throws Exception {
        harness.processElement(e, e.episodeStartMillis());
    }

    /** The rows emitted since the last call. */
    private List<FunnelStatsRow> drain() {
        List<FunnelStatsRow> rows = new ArrayList<>(harness.extractOutputValues());
        harness.getOutput().clear();
        return rows;
    }

    @Test
    void aRefreshAfterAChangeWritesEveryStepOfEveryCell() throws Exception {
        send(episode("c1", "ann", 0, 0, 10, 40));
        send(episode("c2", "ann", 60, 0, 20));
        send(episode("c3", "ann", 120, 0));
        send(episode("c4", "ann", 180, 0, 30, 50));
        send(episode("c5", "", 240, 0));
        harness.setProcessingTime(1_999);
        assertThat(drain()).as("not before the refresh").isEmpty();

        harness.setProcessingTime(2_000);

        List<FunnelStatsRow> rows = drain();
        assertThat(rows)
                .extracting(
                        FunnelStatsRow::agentId,
                        FunnelStatsRow::step,
                        FunnelStatsRow::stepName,
                        FunnelStatsRow::entered,
                        FunnelStatsRow::reached)
                .containsExactly(
                        tuple("", 1, "lead", 1L, 1L),
                        tuple("", 2, "quote", 1L, 0L),
                        tuple("", 3, "booked", 1L, 0L),
                        tuple("ann", 1, "lead", 4L, 4L),
                        tuple("ann", 2, "quote", 4L, 3L),
                        tuple("ann", 3, "booked", 4L, 2L));
        // step 2: {10, 20, 30} s -> median 20, p90 30; step 3 from previous {30, 20} -> 30,
        // from entry {40, 50} -> 50 (ClickHouse quantileExact)
        FunnelStatsRow quote = rows.get(4);
        assertThat(quote.fromPreviousMedianSeconds()).isEqualTo(20.0);
        assertThat(quote.fromPreviousP90Seconds()).isEqualTo(30.0);
        assertThat(quote.fromEntryMedianSeconds()).isEqualTo(20.0);
        FunnelStatsRow booked = rows.get(5);
        assertThat(booked.fromPreviousMedianSeconds()).isEqualTo(30.0);
        assertThat(booked.fromEntryMedianSeconds()).isEqualTo(50.0);
        assertThat(booked.fromEntryP90Seconds()).isEqualTo(50.0);
        assertThat(booked.conversionRate()).isEqualTo(0.5);
        assertThat(rows.get(3).fromPreviousMedianSeconds()).as("step 1 has no times").isNull();
        assertThat(rows)
                .allSatisfy(
                        r -> {
                            assertThat(r.tenant()).isEqualTo("acme");
                            assertThat(r.funnelId()).isEqualTo("sales");
                            assertThat(r.funnelName()).isEqualTo("Sales");
                            assertThat(r.dayEpochDay()).isEqualTo(DAY);
                            assertThat(r.version()).as("the flush time").isEqualTo(2_000);
                            assertThat(r.updatedAtMillis()).isEqualTo(2_000);
                        });
    }

    @Test
    void aGrownEpisodeReplacesItsEarlierUpdateWithAHigherVersionAndNothingChangedWritesNothing()
            throws Exception {
        send(episode("c1", "ann", 0, 0));
        harness.setProcessingTime(2_000);
        assertThat(drain()).extracting(FunnelStatsRow::reached).containsExactly(1L, 0L, 0L);

        send(episode("c1", "ann", 0, 0, 90));
        harness.setProcessingTime(4_000);

        assertThat(drain())
                .extracting(
                        FunnelStatsRow::entered, FunnelStatsRow::reached, FunnelStatsRow::version)
                .containsExactly(
                        tuple(1L, 1L, 4_000L), tuple(1L, 1L, 4_000L), tuple(1L, 0L, 4_000L));
        harness.setProcessingTime(60_000);
        assertThat(drain()).isEmpty();
    }

    @Test
    void anEpisodeWhoseCreditMovedLeavesItsOldCellWithOneRowOfZeros() throws Exception {
        send(episode("c1", "ann", 0, 0));
        harness.setProcessingTime(2_000);
        drain();

        // a later step is credited to bob: the episode's cell is now bob's
        send(episode("c1", "bob", 0, 0, 30));
        harness.setProcessingTime(4_000);

        assertThat(drain())
                .extracting(
                        FunnelStatsRow::agentId,
                        FunnelStatsRow::step,
                        FunnelStatsRow::entered,
                        FunnelStatsRow::reached,
                        FunnelStatsRow::fromPreviousMedianSeconds,
                        FunnelStatsRow::version)
                .containsExactly(
                        tuple("ann", 1, 0L, 0L, null, 4_000L),
                        tuple("ann", 2, 0L, 0L, null, 4_000L),
                        tuple("ann", 3, 0L, 0L, null, 4_000L),
                        tuple("bob", 1, 1L, 1L, null, 4_000L),
                        tuple("bob", 2, 1L, 1L, 30.0, 4_000L),
                        tuple("bob", 3, 1L, 0L, null, 4_000L));

        send(episode("c2", "bob", 60, 0));
        harness.setProcessingTime(6_000);
        assertThat(drain()).extracting(FunnelStatsRow::agentId).containsOnly("bob");
    }

    /** The side output's rows emitted since the last call. */
    private <T> List<T> drain(OutputTag<T> tag) {
        List<T> rows = new ArrayList<>();
        var queue = harness.getSideOutput(tag);
        if (queue != null) {
            queue.forEach(r -> rows.add(r.getValue()));
            queue.clear();
        }
        return rows;
    }

    @Test
    void eachFlushAlsoWritesItsCellsSummedPerChannelAndPerAgentWithTheSameVersion()
            throws Exception {
        send(episode("c1", "ann", 0, 0, 10));
        send(episode("c2", "bob", 60, 0, 30, 50));
        send(episode("c3", "", 120, 0));
        harness.setProcessingTime(2_000);
        drain();

        assertThat(drain(FunnelStatsFunction.CHANNEL_DAYS))
                .extracting(
                        FunnelChannelDayRow::channel,
                        FunnelChannelDayRow::step,
                        FunnelChannelDayRow::stepName,
                        FunnelChannelDayRow::entered,
                        FunnelChannelDayRow::reached,
                        FunnelChannelDayRow::timedReached,
                        FunnelChannelDayRow::fromPreviousMedianWeightedSeconds,
                        FunnelChannelDayRow::fromEntryMedianWeightedSeconds,
                        FunnelChannelDayRow::version)
                .containsExactly(
                        tuple("", 1, "lead", 1L, 1L, 0L, 0.0, 0.0, 2_000L),
                        tuple("", 2, "quote", 1L, 0L, 0L, 0.0, 0.0, 2_000L),
                        tuple("", 3, "booked", 1L, 0L, 0L, 0.0, 0.0, 2_000L),
                        // ann's and bob's cells: 10 s × 1 + 30 s × 1
                        tuple("VOICE", 1, "lead", 2L, 2L, 0L, 0.0, 0.0, 2_000L),
                        tuple("VOICE", 2, "quote", 2L, 2L, 2L, 40.0, 40.0, 2_000L),
                        tuple("VOICE", 3, "booked", 2L, 1L, 1L, 20.0, 50.0, 2_000L));
        assertThat(drain(FunnelStatsFunction.AGENT_DAYS))
                .extracting(
                        FunnelAgentDayRow::agentId,
                        FunnelAgentDayRow::entered,
                        FunnelAgentDayRow::reached,
                        FunnelAgentDayRow::dayEpochDay,
                        FunnelAgentDayRow::version)
                .containsExactly(
                        tuple("", 1L, List.of(1L, 0L, 0L), DAY, 2_000L),
                        tuple("ann", 1L, List.of(1L, 1L, 0L), DAY, 2_000L),
                        tuple("bob", 1L, List.of(1L, 1L, 1L), DAY, 2_000L));

        // bob's episode moves to ann: bob's row is written once more, as zeros
        send(episode("c2", "ann", 60, 0, 30, 50));
        harness.setProcessingTime(4_000);
        assertThat(drain(FunnelStatsFunction.AGENT_DAYS))
                .extracting(
                        FunnelAgentDayRow::agentId,
                        FunnelAgentDayRow::entered,
                        FunnelAgentDayRow::reached,
                        FunnelAgentDayRow::version)
                .containsExactly(
                        tuple("", 1L, List.of(1L, 0L, 0L), 4_000L),
                        tuple("ann", 2L, List.of(2L, 2L, 1L), 4_000L),
                        tuple("bob", 0L, List.of(0L, 0L, 0L), 4_000L));
        assertThat(drain(FunnelStatsFunction.CHANNEL_DAYS))
                .extracting(FunnelChannelDayRow::channel, FunnelChannelDayRow::reached)
                .containsExactly(
                        tuple("", 1L),
                        tuple("", 0L),
                        tuple("", 0L),
                        tuple("VOICE", 2L),
                        tuple("VOICE", 2L),
                        tuple("VOICE", 1L));

        send(episode("c4", "ann", 180, 0));
        harness.setProcessingTime(6_000);
        assertThat(drain(FunnelStatsFunction.AGENT_DAYS))
                .extracting(FunnelAgentDayRow::agentId)
                .as("bob's zeros are written once")
                .containsExactly("", "ann");
        assertThat(drain(FunnelStatsFunction.CHANNEL_DAYS)).hasSize(6);

        // the day's cleanup flushes nothing new and leaves no state behind
        harness.processWatermark(CLEANUP_AT);
        harness.setProcessingTime(6_000 + QUIET.toMillis());
        assertThat(drain(FunnelStatsFunction.AGENT_DAYS)).isEmpty();
        assertThat(drain(FunnelStatsFunction.CHANNEL_DAYS)).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aRetractedEpisodeLeavesTheDayAndItsLastCellGetsZeros() throws Exception {
        send(episode("c1", "ann", 0, 0, 10));
        send(episode("c2", "ann", 60, 0));
        harness.setProcessingTime(2_000);
        drain();

        send(retraction("c1", 0));
        harness.setProcessingTime(4_000);
        assertThat(drain())
                .extracting(FunnelStatsRow::entered, FunnelStatsRow::reached)
                .containsExactly(tuple(1L, 1L), tuple(1L, 0L), tuple(1L, 0L));

        send(retraction("c2", 60));
        harness.setProcessingTime(6_000);
        assertThat(drain())
                .extracting(
                        FunnelStatsRow::entered, FunnelStatsRow::reached, FunnelStatsRow::version)
                .containsExactly(
                        tuple(0L, 0L, 6_000L), tuple(0L, 0L, 6_000L), tuple(0L, 0L, 6_000L));
    }

    @Test
    void aRetractionOfAnEpisodeTheDayDoesNotHoldChangesNothing() throws Exception {
        send(retraction("c9", 0));
        harness.setProcessingTime(10_000);

        assertThat(drain()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void theDayIsClearedAfterItsWindowAndLatenessOnceQuiet() throws Exception {
        send(episode("c1", "ann", 0, 0, 10));
        harness.setProcessingTime(2_000);
        drain();
        harness.processWatermark(CLEANUP_AT - 1);
        assertThat(harness.numKeyedStateEntries()).isPositive();

        // a last change, not yet written when the watermark passes the cleanup time
        send(episode("c2", "ann", 60, 0));
        harness.processWatermark(CLEANUP_AT);
        assertThat(harness.numKeyedStateEntries()).as("changed moments ago").isPositive();

        harness.setProcessingTime(2_000 + QUIET.toMillis());

        assertThat(drain())
                .as("flushed before it was cleared")
                .extracting(FunnelStatsRow::entered, FunnelStatsRow::reached)
                .containsExactly(tuple(2L, 2L), tuple(2L, 1L), tuple(2L, 0L));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aQuietDayIsClearedWhenTheWatermarkPassesItsCleanupTime() throws Exception {
        send(episode("c1", "ann", 0, 0));
        harness.setProcessingTime(QUIET.toMillis() + 1);
        assertThat(drain()).hasSize(3);

        harness.processWatermark(CLEANUP_AT);

        assertThat(drain()).as("nothing changed since the last rows").isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aHistoryImportBehindTheWatermarkIsCountedWholeBeforeItsDayIsCleared() throws Exception {
        harness.processWatermark(CLEANUP_AT + 365 * 24 * H);

        for (int i = 0; i < 3; i++) {
            harness.setProcessingTime(i * 500);
            send(episode("c" + i, "ann", i * 60, 0, 5));
        }
        harness.setProcessingTime(2_000);
        assertThat(drain())
                .extracting(FunnelStatsRow::entered, FunnelStatsRow::version)
                .containsExactly(tuple(3L, 2_000L), tuple(3L, 2_000L), tuple(3L, 2_000L));
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.setProcessingTime(2_000 + QUIET.toMillis());

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void theStateTypesUseFlinksPojoSerializerNotKryo() {
        assertThat(TypeInformation.of(FunnelStatsFunction.StoredEpisode.class))
                .isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(FunnelDayState.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(FunnelCell.class)).isInstanceOf(PojoTypeInfo.class);
    }
}
