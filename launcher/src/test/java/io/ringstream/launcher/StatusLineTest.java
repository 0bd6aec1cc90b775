package io.ringstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The line {@code up} prints every few seconds. */
class StatusLineTest {

    @Test
    void showsRateWaitingAndServiceLevelPerQueue() {
        List<QueueStatus> queues =
                List.of(new QueueStatus("sales", 8, 6, 1), new QueueStatus("support", 0, 0, 2));

        String line = StatusLine.format(12.34, queues);

        assertThat(line)
                .isEqualTo(
                        "12.3 events/s | waiting 3 | sales: SL 75.0%, waiting 1 | support: SL -, waiting 2");
    }

    @Test
    void noQueuesYet() {
        assertThat(StatusLine.format(0, List.of())).isEqualTo("0.0 events/s | waiting 0");
    }
}
