package io.ringstream.flink.kit.time;

import io.ringstream.flink.kit.kafka.Decoded;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * How a job's decoded inputs get event time and watermarks, written once for every job.
 *
 * @param outOfOrderness how far event time may go backwards before events are late
 * @param sourceIdleness after this long without records a partition stops holding back the
 *     watermark (or, for {@link #live}, moves it on with the wall clock)
 */
public record EventTime(Duration outOfOrderness, Duration sourceIdleness) implements Serializable {

    /** 5 s out of order, 30 s until a silent partition is idle. */
    public static final EventTime DEFAULT =
            new EventTime(Duration.ofSeconds(5), Duration.ofSeconds(30));

    public EventTime {
        Objects.requireNonNull(outOfOrderness, "outOfOrderness");
        Objects.requireNonNull(sourceIdleness, "sourceIdleness");
        if (outOfOrderness.isNegative()) {
            throw new IllegalArgumentException("outOfOrderness must be >= 0");
        }
        if (sourceIdleness.isNegative() || sourceIdleness.isZero()) {
            throw new IllegalArgumentException("sourceIdleness must be > 0");
        }
    }

    /** Reads an event's time; Serializable so a watermark strategy can ship it. */
    @FunctionalInterface
    public interface Of<T> extends Serializable {
        long of(T event);
    }

    /**
     * Bounded out-of-orderness with idleness. Dead letters carry no event time: they get {@code
     * Long.MIN_VALUE}, which never moves a watermark.
     */
    public <T> WatermarkStrategy<Decoded<T>> bounded(Of<T> time) {
        return WatermarkStrategy.<Decoded<T>>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner(assigner(time))
                .withIdleness(sourceIdleness);
    }

    /**
     * {@link LiveWatermarks}: like {@link #bounded}, but a silent partition moves event time on
     * with the wall clock ({@code advanceWhenSilent}) instead of going idle, so deadlines fire in a
     * quiet contact center.
     */
    public <T> WatermarkStrategy<Decoded<T>> live(Of<T> time, boolean advanceWhenSilent) {
        long lateness = outOfOrderness.toMillis();
        long silence = sourceIdleness.toMillis();
        return WatermarkStrategy.<Decoded<T>>forGenerator(
                        ctx ->
                                new LiveWatermarks<>(
                                        lateness,
                                        silence,
                                        advanceWhenSilent,
                                        System::currentTimeMillis))
                .withTimestampAssigner(assigner(time));
    }

    private static <T> SerializableTimestampAssigner<Decoded<T>> assigner(Of<T> time) {
        return (decoded, recordTimestamp) ->
                decoded.isValid() ? time.of(decoded.event()) : Long.MIN_VALUE;
    }
}
