package io.ringstream.flink.kit.time;

import java.io.Serializable;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness watermarks for one Kafka partition that keep event time moving when the
 * partition falls silent, so a caller still waiting in a quiet contact center is warned and
 * breached on time (plain idleness would stop event time altogether once every partition is idle,
 * and deadlines would wait for the next event).
 *
 * <ul>
 *   <li>While events arrive: watermark = largest event time seen − out-of-orderness − 1 ms.
 *   <li>After {@code silence} without events: with {@code advanceWhenSilent}, the watermark moves
 *       on with the wall clock from there (the partition is assumed live: its next event cannot be
 *       older than the time that has passed); otherwise the partition is marked idle so it stops
 *       holding back the others, which is Flink's {@code withIdleness}.
 *   <li>A partition that has had no event yet holds event time back for {@code silence} after the
 *       generator starts (its backlog may simply not have been fetched yet: declaring it idle at
 *       once would let the other partitions run ahead and make its events late), then is idle.
 * </ul>
 *
 * Wall-clock advance suits live traffic. For a replay far behind the wall clock it only moves a
 * silent partition on by the seconds it stays silent, which cannot overtake the partitions still
 * replaying (the watermark is the minimum), so it is safe there too; tests that need exactly
 * repeatable watermarks switch it off.
 */
public final class LiveWatermarks<T> implements WatermarkGenerator<T>, Serializable {
    private static final long serialVersionUID = 1L;

    private final long outOfOrdernessMillis;
    private final long silenceMillis;
    private final boolean advanceWhenSilent;
    private final LongSupplier wallClock;

    private long maxEventTime = Long.MIN_VALUE;
    private long lastEventAt;
    private long startedAt = Long.MIN_VALUE;
    private long lastEmitted = Long.MIN_VALUE;

    public LiveWatermarks(
            long outOfOrdernessMillis,
            long silenceMillis,
            boolean advanceWhenSilent,
            LongSupplier wallClock) {
        this.outOfOrdernessMillis = outOfOrdernessMillis;
        this.silenceMillis = silenceMillis;
        this.advanceWhenSilent = advanceWhenSilent;
        this.wallClock = wallClock;
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        if (eventTimestamp == Long.MIN_VALUE) {
            // A dead letter: no event time.
            return;
        }
        maxEventTime = Math.max(maxEventTime, eventTimestamp);
        lastEventAt = wallClock.getAsLong();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = wallClock.getAsLong();
        if (startedAt == Long.MIN_VALUE) {
            startedAt = now;
        }
        if (maxEventTime == Long.MIN_VALUE) {
            if (now - startedAt >= silenceMillis) {
                output.markIdle();
            }
            return;
        }
        long quiet = now - lastEventAt;
        long watermark = maxEventTime - outOfOrdernessMillis - 1;
        if (quiet >= silenceMillis) {
            if (!advanceWhenSilent) {
                output.markIdle();
                return;
            }
            watermark += quiet - silenceMillis;
        }
        if (watermark > lastEmitted) {
            lastEmitted = watermark;
        }
        output.emitWatermark(new Watermark(lastEmitted));
    }
}
