package io.ringstream.testkit.traffic;

/**
 * Where generated rows go, one at a time in generation order, so 30 days of a large center never
 * have to fit in memory. Values follow {@link TrafficTable#columns()}: String, Long, Integer,
 * Double, {@link java.time.LocalDate} for Date, {@link java.time.Instant} for DateTime, null for
 * NULL.
 */
public interface TrafficSink {
    void row(TrafficTable table, Object[] values);

    /** Called once a day's rows are all out, so a sink may write them as one batch. */
    default void dayDone() {}
}
