package io.ringstream.analytics.funnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.analytics.funnel.FunnelDayStats.Contribution;
import io.ringstream.analytics.funnel.FunnelDayStats.Result;
import io.ringstream.analytics.funnel.FunnelRollups.AgentDay;
import io.ringstream.analytics.funnel.FunnelRollups.ChannelStep;
import io.ringstream.analytics.funnel.FunnelRollups.Rollup;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The channel and agent rows of one day's cells, against sums worked out by hand. */
class FunnelRollupsTest {

    private static final FunnelCell VOICE_ANN = new FunnelCell("VOICE", "spring", "ann");
    private static final FunnelCell VOICE_BOB = new FunnelCell("VOICE", "spring", "bob");
    private static final FunnelCell CHAT_ANN = new FunnelCell("CHAT", "", "ann");

    private static Contribution episode(FunnelCell cell, long... stepSeconds) {
        List<Long> times = new ArrayList<>();
        for (long s : stepSeconds) {
            times.add(1_000_000L + s * 1000);
        }
        return new Contribution(cell, times);
    }

    @Test
    void sumsTheAgentsCellsAndWeighsTheirTimesByReached() {
        // ann's VOICE cell: 2 episodes, both reach 2 (10 s and 30 s: median 30, p90 30);
        // bob's: 1 episode reaching 2 in 4 s; ann's CHAT cell: 1 episode at step 1 only.
        Result result =
                FunnelDayStats.compute(
                        2,
                        List.of(
                                episode(VOICE_ANN, 0, 10),
                                episode(VOICE_ANN, 0, 30),
                                episode(VOICE_BOB, 0, 4),
                                episode(CHAT_ANN, 0)),
                        Set.of());

        Rollup rollup = FunnelRollups.of(result.rows());

        assertThat(rollup.channelSteps())
                .containsExactly(
                        new ChannelStep("CHAT", "", 1, 1, 1, 0, 0, 0, 0, 0),
                        new ChannelStep("CHAT", "", 2, 1, 0, 0, 0, 0, 0, 0),
                        new ChannelStep("VOICE", "spring", 1, 3, 3, 0, 0, 0, 0, 0),
                        new ChannelStep(
                                "VOICE", "spring", 2, 3, 3, 3, 30 * 2 + 4, 30 * 2 + 4, 64, 64));
        assertThat(rollup.agentDays())
                .containsExactly(
                        new AgentDay("ann", 3, List.of(3L, 2L)),
                        new AgentDay("bob", 1, List.of(1L, 1L)));
    }

    @Test
    void aChannelOrAgentWhoseCellsEmptiedGetsZerosOnce() {
        Result first = FunnelDayStats.compute(2, List.of(episode(VOICE_BOB, 0, 4)), Set.of());
        // The episode moved to ann's CHAT cell: bob's VOICE cell is written once more as zeros.
        Result second = FunnelDayStats.compute(2, List.of(episode(CHAT_ANN, 0, 8)), first.cells());

        Rollup rollup = FunnelRollups.of(second.rows());

        assertThat(rollup.channelSteps())
                .containsExactly(
                        new ChannelStep("CHAT", "", 1, 1, 1, 0, 0, 0, 0, 0),
                        new ChannelStep("CHAT", "", 2, 1, 1, 1, 8, 8, 8, 8),
                        new ChannelStep("VOICE", "spring", 1, 0, 0, 0, 0, 0, 0, 0),
                        new ChannelStep("VOICE", "spring", 2, 0, 0, 0, 0, 0, 0, 0));
        assertThat(rollup.agentDays())
                .containsExactly(
                        new AgentDay("ann", 1, List.of(1L, 1L)),
                        new AgentDay("bob", 0, List.of(0L, 0L)));
        Result third = FunnelDayStats.compute(2, List.of(episode(CHAT_ANN, 0, 8)), second.cells());
        assertThat(FunnelRollups.of(third.rows()).agentDays())
                .containsExactly(new AgentDay("ann", 1, List.of(1L, 1L)));
    }
}
