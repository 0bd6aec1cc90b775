package io.ringstream.routing.core.sim;

import io.ringstream.routing.core.RoutingConfig;
import java.util.List;

/**
 * Everything one simulation run needs besides the head count: routing configuration, staff mix,
 * traffic, how long to run (after a warm-up that is not measured), the service-level threshold, and
 * how agents answer offers.
 *
 * @param acceptSeconds agents answer an offer after a uniform delay in [min, max] seconds
 * @param missRate share of offers an agent lets ring out (the engine times them out)
 * @param proficiencySpeedup handle time is scaled by {@code 1 + speedup * (3 - proficiency) / 2}:
 *     with 0.2, a proficiency-5 agent is 20 % faster and a proficiency-1 agent 20 % slower than a
 *     proficiency-3 agent; 0 makes proficiency irrelevant to handle time
 */
public record SimulationSpec(
        RoutingConfig routing,
        List<AgentGroup> groups,
        List<ContactType> traffic,
        double warmupHours,
        double hours,
        double serviceLevelSeconds,
        double minAcceptSeconds,
        double maxAcceptSeconds,
        double missRate,
        double proficiencySpeedup,
        long seed) {

    public SimulationSpec {
        groups = List.copyOf(groups);
        traffic = List.copyOf(traffic);
        if (!(hours > 0) || warmupHours < 0) {
            throw new IllegalArgumentException("hours must be positive and warm-up >= 0");
        }
        if (maxAcceptSeconds < minAcceptSeconds || minAcceptSeconds < 0) {
            throw new IllegalArgumentException("accept delay must be 0 <= min <= max");
        }
    }

    public SimulationSpec withRouting(RoutingConfig config) {
        return new SimulationSpec(
                config,
                groups,
                traffic,
                warmupHours,
                hours,
                serviceLevelSeconds,
                minAcceptSeconds,
                maxAcceptSeconds,
                missRate,
                proficiencySpeedup,
                seed);
    }

    public SimulationSpec withSeed(long newSeed) {
        return new SimulationSpec(
                routing,
                groups,
                traffic,
                warmupHours,
                hours,
                serviceLevelSeconds,
                minAcceptSeconds,
                maxAcceptSeconds,
                missRate,
                proficiencySpeedup,
                newSeed);
    }
}
