package io.ringstream.routing.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ringstream.events.Channel;
import io.ringstream.routing.core.QueuePolicy;
import io.ringstream.routing.core.RoutingConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The simulator's parts: distributions, staffing split, patience, misses and reproducibility. */
class SimulatorTest {

    private static SimulationSpec oneQueue(
            double perHour, double patience, double missRate, double hours) {
        return new SimulationSpec(
                RoutingConfig.of(
                        QueuePolicy.simple("q")
                                .withOfferTimeout(Duration.ofSeconds(10))
                                .withMaxConsecutiveMisses(2)),
                List.of(
                        new AgentGroup(
                                "a",
                                1,
                                Map.of("s", 3),
                                Set.of("en"),
                                Map.of(Channel.VOICE, 1),
                                Set.of("q"))),
                List.of(
                        new ContactType(
                                "call",
                                Channel.VOICE,
                                "q",
                                "s",
                                "en",
                                perHour,
                                HandleTime.exponential(180),
                                patience)),
                0.5,
                hours,
                20,
                1,
                3,
                missRate,
                0,
                7);
    }

    @Test
    void sameSeedSameResultOtherSeedOtherResult() {
        SimulationSpec spec = oneQueue(100, 60, 0.05, 10);
        assertThat(Simulator.run(spec, 6)).isEqualTo(Simulator.run(spec, 6));
        assertThat(Simulator.run(spec.withSeed(8), 6)).isNotEqualTo(Simulator.run(spec, 6));
    }

    @Test
    void arrivalsArePoissonAtTheConfiguredRate() {
        SimulationResult r = Simulator.run(oneQueue(100, 0, 0, 100), 10);
        // 10,000 expected; a Poisson count's standard deviation is 100
        assertThat(r.arrived()).isCloseTo(10_000, within(400L));
    }

    @Test
    void impatientCallersAbandonAnOverloadedQueue() {
        // 100 calls/h × 180 s = 5 Erlangs on 4 agents
        SimulationResult patient = Simulator.run(oneQueue(100, 0, 0, 20), 4);
        SimulationResult impatient = Simulator.run(oneQueue(100, 60, 0, 20), 4);
        // without abandonment the queue never empties: the agents never idle
        assertThat(patient.abandoned()).isZero();
        assertThat(patient.occupancy()).isEqualTo(1.0);
        // callers with 60 s mean patience leave, so the queue drains now and then (Erlang A)
        assertThat(impatient.abandonRate()).isBetween(0.1, 0.5);
        assertThat(impatient.answered() + impatient.abandoned()).isEqualTo(impatient.arrived());
        assertThat(impatient.occupancy()).isBetween(0.6, 0.99);
        assertThat(impatient.averageSpeedOfAnswer())
                .isLessThan(patient.averageSpeedOfAnswer() / 10);
    }

    @Test
    void missedOffersTimeOutAndAreReOffered() {
        SimulationResult r = Simulator.run(oneQueue(60, 0, 0.2, 20), 6);
        assertThat(r.offersMissed()).isGreaterThan(100);
        // every call is still answered eventually
        assertThat(r.answered()).isEqualTo(r.arrived());
    }

    @Test
    void logNormalHandleTimesHaveTheConfiguredMean() {
        SplittableRandom random = new SplittableRandom(3);
        HandleTime t = HandleTime.logNormal(300, 0.6);
        double sum = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            sum += t.sample(random, 1);
        }
        assertThat(sum / n).isCloseTo(300, within(3.0));
    }

    @Test
    void staffIsSplitByShareWithLargestRemainder() {
        List<AgentGroup> groups =
                List.of(
                        new AgentGroup("a", 0.25, Map.of(), Set.of(), Map.of(), Set.of()),
                        new AgentGroup("b", 0.25, Map.of(), Set.of(), Map.of(), Set.of()),
                        new AgentGroup("c", 0.5, Map.of(), Set.of(), Map.of(), Set.of()));
        assertThat(Simulator.split(groups, 10)).containsExactly(3, 2, 5);
        assertThat(Simulator.split(groups, 4)).containsExactly(1, 1, 2);
    }
}
