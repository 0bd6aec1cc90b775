package io.ringstream.analytics.funnel;

import java.util.Arrays;

/**
 * The quantile rule of the funnel stats, chosen to equal ClickHouse's {@code quantileExact(level)}
 * (18.16 and current): sort the n values and take the one at 0-based index {@code floor(level *
 * n)}, or the largest for level 1. No interpolation, so the answer is always one of the values and
 * the same query over {@code funnel_progress} reproduces it; for an even n the median is the upper
 * of the two middle values.
 */
public final class ExactQuantile {
    private ExactQuantile() {}

    /**
     * @param values not modified
     * @param level in [0, 1]
     * @return null for no values
     */
    public static Double of(double[] values, double level) {
        if (!(level >= 0.0 && level <= 1.0)) {
            throw new IllegalArgumentException("level must be in [0, 1], got " + level);
        }
        if (values.length == 0) {
            return null;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[index(sorted.length, level)];
    }

    /** The 0-based index quantileExact takes, with the same double arithmetic and truncation. */
    static int index(int n, double level) {
        return level < 1.0 ? (int) (level * n) : n - 1;
    }
}
