package io.ringstream.bridge.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Login retries back off exponentially with bounded jitter and start over after a success. */
class BackoffTest {

    @Test
    void delaysDoubleWithJitterUpToTheCapAndResetAfterSuccess() {
        Backoff backoff =
                new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new Random(1));

        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            delays.add(backoff.next().toMillis());
        }

        long[] base = {500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000};
        for (int i = 0; i < base.length; i++) {
            assertThat(delays.get(i)).isBetween((long) (base[i] * 0.8), (long) (base[i] * 1.2));
        }
        backoff.reset();
        assertThat(backoff.next().toMillis()).isBetween(400L, 600L);
    }
}
