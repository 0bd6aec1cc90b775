package io.ringstream.routing.core.sim;

/**
 * What one run measured over contacts that arrived after the warm-up. Service level is
 * answered-within-threshold over answered (abandons excluded, the Erlang C convention; with
 * abandonment the abandon rate is reported next to it). Occupancy is time reserved, busy or in
 * wrap-up over time logged in and not "not ready", per agent; the spread across agents is the
 * fairness measure.
 */
public record SimulationResult(
        int agents,
        long arrived,
        long answered,
        long abandoned,
        long answeredWithinThreshold,
        double totalWaitSeconds,
        double occupancy,
        double occupancyStdev,
        double occupancyMin,
        double occupancyMax,
        long offersMissed) {

    public double serviceLevel() {
        return answered == 0 ? 0 : (double) answeredWithinThreshold / answered;
    }

    public double averageSpeedOfAnswer() {
        return answered == 0 ? 0 : totalWaitSeconds / answered;
    }

    public double abandonRate() {
        return arrived == 0 ? 0 : (double) abandoned / arrived;
    }
}
