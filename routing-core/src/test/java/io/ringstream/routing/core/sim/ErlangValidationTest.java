package io.ringstream.routing.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulator, driving the real routing engine, reproduces Erlang C: 360 calls per 30 min, AHT
 * 240 s exponential, one skill, FIFO, no abandonment. 1,000 simulated hours per staffing level
 * (about 720,000 calls) keep the estimate's standard error near half a point, so the ±1.5-point
 * tolerance is not luck of the seed.
 */
class ErlangValidationTest {
    private static final double HOURS = 1000;

    @Test
    void serviceLevelMatchesErlangCWith54And55Agents() {
        List<ErlangValidation.Row> rows = ErlangValidation.run(List.of(54, 55), HOURS, 1);

        ErlangValidation.Row n54 = rows.get(0);
        assertThat(n54.theory().serviceLevel()).isCloseTo(0.817, within(0.001));
        assertThat(n54.simulated().serviceLevel()).isCloseTo(0.817, within(0.015));
        assertThat(n54.simulated().averageSpeedOfAnswer())
                .isCloseTo(n54.theory().averageSpeedOfAnswerSeconds(), within(1.5));
        assertThat(n54.simulated().occupancy()).isCloseTo(n54.theory().occupancy(), within(0.01));

        ErlangValidation.Row n55 = rows.get(1);
        assertThat(n55.theory().serviceLevel()).isCloseTo(0.867, within(0.001));
        assertThat(n55.simulated().serviceLevel()).isCloseTo(0.867, within(0.015));

        // no abandonment was configured, and every measured call was answered
        assertThat(n54.simulated().abandoned()).isZero();
        assertThat(n54.simulated().answered()).isEqualTo(n54.simulated().arrived());
        assertThat(n54.simulated().arrived()).isCloseTo(720_000, within(5_000L));
    }

    @Test
    void tablePrintsTheoryNextToSimulation() {
        String table = ErlangValidation.table(ErlangValidation.run(List.of(54), 20, 1));
        assertThat(table).startsWith("agents | SL20 Erlang C | SL20 simulated");
        assertThat(table.lines().skip(2).findFirst().orElseThrow()).startsWith("54 | 81.7% | ");
    }
}
