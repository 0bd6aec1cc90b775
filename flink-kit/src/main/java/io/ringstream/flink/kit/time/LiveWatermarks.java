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
 *   <li>After {@code silence} without events: with {@code advanceWhenSilent}, the partition is
 *       assumed live and caught up, so its next event is dated no earlier than about now: the
 *       watermark becomes wall clock − silence − out-of-orderness − 1 ms (never less than before);
 *       otherwise the partition is marked idle so it stops holding back the others, which is
 *       Flink's {@code withIdleness}.
 *   <li>A partition that has had no event yet holds event time back for {@code silence} after the
 *       generator starts (its backlog may simply not have been fetched yet: declaring it idle at
 *       once would let the other partitions run ahead and make its events late), then is idle.
 * </ul>
 *
 * <p>Why anchored to the wall clock, not extrapolated from the last event: a partition whose last
 * records are old when read (a job catching up after downtime, a finished history import, another
 * run's records on a shared broker) would otherwise stay behind the wall clock by their age until
 * its next event, holding every timer of the job back by that much. Records dated ahead of the wall
 * clock (a skewed producer clock) are not extrapolated further either: the watermark waits at their
 * time until the wall clock passes it.
 *
 * <p>The price: a source whose every partition stalls for longer than {@code silence} while still
 * replaying a backlog jumps to the wall clock, and the rest of that backlog arrives late. The jobs
 * treat late input explicitly (contact facts apply it out of order, funnels judge lateness per
 * customer, the SLA patterns count refused signals in {@code lateSlaSignals}); tests that need
 * exactly repeatable watermarks switch the advance off.
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
        long watermark = maxEventTime - outOfOrdernessMillis - 1;
        if (now - lastEventAt >= silenceMillis) {
            if (!advanceWhenSilent) {
                output.markIdle();
                return;
            }
            watermark = Math.max(watermark, now - silenceMillis - outOfOrdernessMillis - 1);
        }
        if (watermark > lastEmitted) {
            lastEmitted = watermark;
        }
        output.emitWatermark(new Watermark(lastEmitted));
    }
}
