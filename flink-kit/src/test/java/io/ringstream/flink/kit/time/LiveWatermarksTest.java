package io.ringstream.flink.kit.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

/** Per-partition watermarks: bounded out-of-orderness, then the wall clock or idleness. */
class LiveWatermarksTest {
    private final AtomicLong wall = new AtomicLong(1_000_000);
    private final Output out = new Output();

    /** Records what the generator reports. */
    static final class Output implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        int idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
            idle++;
        }

        @Override
        public void markActive() {}

        long last() {
            return watermarks.get(watermarks.size() - 1);
        }
    }

    @Test
    void trailsTheLargestEventTimeByTheOutOfOrderness() {
        LiveWatermarks<String> g = new LiveWatermarks<>(5_000, 30_000, true, wall::get);
        g.onPeriodicEmit(out);
        g.onEvent("a", 100_000, out);
        g.onEvent("b", 90_000, out);
        g.onPeriodicEmit(out);

        assertThat(out.last()).isEqualTo(94_999);
    }

    @Test
    void silentLivePartitionsMoveOnWithTheWallClock() {
        LiveWatermarks<String> g = new LiveWatermarks<>(5_000, 30_000, true, wall::get);
        g.onEvent("a", wall.get(), out);
        wall.addAndGet(29_999);
        g.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(994_999);

        wall.addAndGet(10_001);
        g.onPeriodicEmit(out);

        assertThat(out.last()).isEqualTo(1_040_000 - 30_000 - 5_000 - 1);
        assertThat(out.idle).isZero();
    }

    @Test
    void aStaleBacklogCatchesUpWithTheWallClockOnceThePartitionIsSilent() {
        // Read at wall time 1,000 s, dated 100 s: a backlog 900 s old.
        LiveWatermarks<String> g = new LiveWatermarks<>(5_000, 30_000, true, wall::get);
        g.onEvent("old", 100_000, out);
        g.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(94_999);

        wall.addAndGet(30_000);
        g.onPeriodicEmit(out);

        // Not 900 s behind for as long as the partition stays silent.
        assertThat(out.last()).isEqualTo(1_030_000 - 30_000 - 5_000 - 1);
    }

    @Test
    void eventsDatedAheadOfTheWallClockAreNotExtrapolatedFurther() {
        LiveWatermarks<String> g = new LiveWatermarks<>(5_000, 30_000, true, wall::get);
        g.onEvent("skewed", 2_000_000, out);
        wall.addAndGet(60_000);
        g.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(1_994_999);

        wall.set(2_100_000);
        g.onPeriodicEmit(out);

        assertThat(out.last()).isEqualTo(2_100_000 - 35_001);
    }

    @Test
    void withoutWallClockAdvanceSilentPartitionsGoIdle() {
        LiveWatermarks<String> g = new LiveWatermarks<>(5_000, 30_000, false, wall::get);
        g.onEvent("a", 100_000, out);
        wall.addAndGet(30_000);

        g.onPeriodicEmit(out);

        assertThat(out.idle).isEqualTo(1);
    }

    @Test
    void aPartitionWithoutEventsHoldsBackUntilTheSilenceHasPassedThenIsIdle() {
        LiveWatermarks<String> g = new LiveWatermarks<>(5_000, 30_000, true, wall::get);
        g.onPeriodicEmit(out);
        wall.addAndGet(29_000);
        g.onPeriodicEmit(out);
        assertThat(out.idle).isZero();
        assertThat(out.watermarks).isEmpty();

        wall.addAndGet(1_000);
        g.onPeriodicEmit(out);

        assertThat(out.idle).isEqualTo(1);
    }

    @Test
    void deadLettersCarryNoEventTimeAndNeverGoBackwards() {
        LiveWatermarks<String> g = new LiveWatermarks<>(5_000, 30_000, true, wall::get);
        g.onEvent("a", 100_000, out);
        g.onEvent("dead letter", Long.MIN_VALUE, out);
        g.onPeriodicEmit(out);
        g.onEvent("old", 50_000, out);
        g.onPeriodicEmit(out);

        assertThat(out.watermarks).containsExactly(94_999L, 94_999L);
    }
}
