package io.ringstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusLineTest {

    @Test
    void showsRateWaitingAndServiceLevelPerQueue() {
        List<QueueStatus> queues =
                List.of(
                        new QueueStatus("sales", 10, 8, 1, 6),
                        new QueueStatus("support", 2, 0, 0, 0));

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
