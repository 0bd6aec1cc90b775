package io.ringstream.queueing;

/**
 * Erlang C (M/M/N): the staffing model contact centers plan with, and the yardstick our simulator
 * is validated against. It ignores abandonment, so it over-staffs slightly in practice.
 *
 * <p>Offered load A = arrival rate × AHT (Erlangs). The probability of waiting is computed through
 * the Erlang B recursion, which stays numerically stable for hundreds of agents where A^N/N! would
 * overflow.
 */
public final class ErlangC {
    private ErlangC() {}

    /** Offered load in Erlangs for {@code calls} arriving in {@code intervalSeconds}. */
    public static double load(double calls, double intervalSeconds, double ahtSeconds) {
        requirePositive(intervalSeconds, "interval");
        requirePositive(ahtSeconds, "AHT");
        if (calls < 0) {
            throw new IllegalArgumentException("calls must not be negative");
        }
        return calls / intervalSeconds * ahtSeconds;
    }

    /** Probability that a contact waits at all; 1 when the agents cannot carry the load. */
    public static double probabilityOfWaiting(int agents, double load) {
        if (agents < 1) {
            throw new IllegalArgumentException("agents must be >= 1");
        }
        if (load <= 0) {
            return 0;
        }
        if (agents <= load) {
            return 1;
        }
        double erlangB = 1;
        for (int k = 1; k <= agents; k++) {
            erlangB = load * erlangB / (k + load * erlangB);
        }
        return agents * erlangB / (agents - load * (1 - erlangB));
    }

    /** Share of contacts answered within {@code thresholdSeconds}. */
    public static double serviceLevel(
            int agents, double load, double ahtSeconds, double thresholdSeconds) {
        if (agents <= load) {
            return 0;
        }
        double pWait = probabilityOfWaiting(agents, load);
        return 1 - pWait * Math.exp(-(agents - load) * thresholdSeconds / ahtSeconds);
    }

    /** Average speed of answer in seconds; infinite when the agents cannot carry the load. */
    public static double averageSpeedOfAnswer(int agents, double load, double ahtSeconds) {
        if (agents <= load) {
            return Double.POSITIVE_INFINITY;
        }
        return probabilityOfWaiting(agents, load) * ahtSeconds / (agents - load);
    }

    public static double occupancy(int agents, double load) {
        return Math.min(1, load / agents);
    }

    /** The fewest agents whose service level at {@code thresholdSeconds} reaches {@code target}. */
    public static int requiredAgents(
            double load, double ahtSeconds, double target, double thresholdSeconds) {
        if (target <= 0 || target >= 1) {
            throw new IllegalArgumentException("target must be a fraction in (0, 1)");
        }
        int agents = Math.max(1, (int) Math.floor(load) + 1);
        while (serviceLevel(agents, load, ahtSeconds, thresholdSeconds) < target) {
            agents++;
        }
        return agents;
    }

    /** All figures for one staffing level, as a planning table row shows them. */
    public static Staffing staffing(
            int agents, double load, double ahtSeconds, double thresholdSeconds) {
        return new Staffing(
                agents,
                probabilityOfWaiting(agents, load),
                serviceLevel(agents, load, ahtSeconds, thresholdSeconds),
                averageSpeedOfAnswer(agents, load, ahtSeconds),
                occupancy(agents, load));
    }

    /** One row of a staffing table. */
    public record Staffing(
            int agents,
            double probabilityOfWaiting,
            double serviceLevel,
            double averageSpeedOfAnswerSeconds,
            double occupancy) {}

    private static void requirePositive(double value, String name) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
