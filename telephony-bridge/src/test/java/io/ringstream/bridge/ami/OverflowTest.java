package io.ringstream.bridge.ami;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.DeadLetter;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.junit.jupiter.api.Test;

/** Overflowed events are accounted for in dead letters, one per episode. */
class OverflowTest {
    private static QueueCallerJoinEvent join(int n) {
        QueueCallerJoinEvent e = new QueueCallerJoinEvent("test");
        e.setQueue("sales");
        e.setUniqueId("1715677200." + n);
        e.setTimestamp(1_715_677_200.0 + n);
        return e;
    }

    @Test
    void anEpisodeBecomesOneDeadLetterWithCountWindowAndTheFirstFrames() {
        Overflow overflow = new Overflow(100, 2);
        overflow.record(join(1), 1_000);
        overflow.record(join(2), 2_000);
        overflow.record(join(3), 3_000);

        DeadLetter letter = overflow.drain(4_000).orElseThrow();

        assertThat(letter.reason())
                .startsWith("AMI hand-off queue full (capacity 100): 3 events dropped between")
                .contains("1970-01-01T00:00:01Z and 1970-01-01T00:00:03Z")
                .contains("the first 2 are in the payload");
        assertThat(letter.origin()).isEqualTo(DeadLetter.Origin.AMI);
        assertThat(letter.component()).isEqualTo("telephony-bridge");
        assertThat(letter.failedAt()).isEqualTo(4_000);
        assertThat(letter.payload().split("Event: QueueCallerJoin", -1)).hasSize(3);
        assertThat(letter.payload())
                .contains("UniqueId: 1715677200.1")
                .contains("UniqueId: 1715677200.2");
        assertThat(overflow.total()).isEqualTo(3);
    }

    @Test
    void drainingEndsTheEpisode() {
        Overflow overflow = new Overflow(10, 5);
        assertThat(overflow.drain(1)).isEmpty();
        overflow.record(join(1), 1_000);

        assertThat(overflow.drain(2_000)).isPresent();
        assertThat(overflow.drain(3_000)).isEmpty();
        overflow.record(join(2), 4_000);
        assertThat(overflow.drain(5_000).orElseThrow().reason()).contains(": 1 events dropped");
        assertThat(overflow.total()).isEqualTo(2);
    }
}
