package io.ringstream.routing.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.routing.core.sim.PolicyComparison.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison day runs every policy on the same traffic and prints one row per policy. */
class PolicyComparisonTest {

    @Test
    void everyPolicySeesTheSameTrafficAndTheTableHasOneRowEach() {
        List<PolicyComparison.Row> rows = PolicyComparison.run(42, 8, 1, 42, 42);
        assertThat(rows).extracting(PolicyComparison.Row::policy).containsExactly(Policy.values());
        long arrivals = rows.get(0).result().arrived();
        for (PolicyComparison.Row row : rows) {
            // identical arrival stream: arrivals are drawn before any routing happens
            assertThat(row.result().arrived()).isBetween(arrivals * 95 / 100, arrivals * 105 / 100);
            assertThat(row.serviceLevel()).isBetween(0.0, 1.0);
            assertThat(row.result().occupancyMin())
                    .isLessThanOrEqualTo(row.result().occupancyMax());
        }
        String table = PolicyComparison.table(rows);
        assertThat(table.lines()).hasSize(2 + Policy.values().length);
        assertThat(table).contains("Ringstream best fit |", "longest-idle FIFO |", "ring-all |");
    }

    @Test
    void ringAllRingsManyAgentsSoItMissesMoreOffers() {
        var ringAll = Simulator.run(PolicyComparison.day(Policy.RING_ALL, 8, 1), 42);
        var bestFit = Simulator.run(PolicyComparison.day(Policy.RINGSTREAM, 8, 1), 42);
        assertThat(ringAll.offersMissed()).isGreaterThan(2 * bestFit.offersMissed());
    }
}
