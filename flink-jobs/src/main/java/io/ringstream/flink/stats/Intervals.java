package io.ringstream.flink.stats;

import java.io.Serializable;

/**
 * Reporting intervals, aligned to the Unix epoch in UTC, so every job instance, restart and query
 * agrees on where an interval starts.
 *
 * @param minutes interval length; must divide a day so intervals line up with UTC midnight
 */
public record Intervals(int minutes) implements Serializable {

    public Intervals {
        if (minutes < 1 || 1440 % minutes != 0) {
            throw new IllegalArgumentException(
                    "interval minutes must divide a day (1440) but was " + minutes);
        }
    }

    public long millis() {
        return minutes * 60_000L;
    }

    /** Start of the interval containing {@code epochMillis}. */
    public long startOf(long epochMillis) {
        return Math.floorDiv(epochMillis, millis()) * millis();
    }

    /** Exclusive end of the interval that starts at {@code intervalStart}. */
    public long endOf(long intervalStart) {
        return intervalStart + millis();
    }
}
