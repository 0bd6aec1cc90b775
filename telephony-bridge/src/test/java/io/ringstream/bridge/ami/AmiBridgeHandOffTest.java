package io.ringstream.bridge.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringstream.bridge.BridgeConfig;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.DeadLetter;
import io.ringstream.pbxsim.ami.AmiFrame;
import io.ringstream.pbxsim.ami.AmiServer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The AMI thread never waits for the publisher: with the worker held, a flood overflows the
 * hand-off queue, and every overflowed event ends up in one dead letter rather than vanishing.
 */
class AmiBridgeHandOffTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final AmiServer server = AmiServer.start(0, "ringstream", "s3cret");
    private AmiBridge bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
        server.close();
    }

    private static AmiFrame join(int n) {
        return AmiFrame.event("QueueCallerJoin")
                .add("Privilege", "agent,all")
                .add("Timestamp", "1715677200.0000" + (10 + n))
                .add("Uniqueid", "1715677200." + n)
                .add("Linkedid", "1715677200." + n)
                .add("Queue", "sales")
                .add("Position", 1)
                .add("Count", 1)
                .build();
    }

    private static long dropped(RecordingSink sink) {
        long n = 0;
        for (DeadLetter letter : sink.deadLetters) {
            Matcher m = Pattern.compile(": (\\d+) events dropped").matcher(letter.reason());
            if (m.find()) {
                n += Long.parseLong(m.group(1));
            }
        }
        return n;
    }

    @Test
    void aFullHandOffQueueBecomesADeadLetterAndNothingIsLostSilently() {
        CountDownLatch gate = new CountDownLatch(1);
        RecordingSink sink = new RecordingSink(gate);
        bridge =
                new AmiBridge(
                        BridgeConfig.of(
                                        "unused:9092",
                                        "127.0.0.1",
                                        server.port(),
                                        "ringstream",
                                        "s3cret")
                                .withHandOffCapacity(2),
                        sink);
        bridge.start();
        // FullyBooted has been received and handled: the worker is idle.
        await().atMost(WAIT).until(() -> bridge.isConnected() && bridge.stats().ignored() == 1);

        for (int n = 1; n <= 20; n++) {
            server.emit(join(n));
        }

        // All 20 reached the listener. The worker holds at most one (it blocks inside the sink)
        // and the queue two, so 17 or 18 overflowed, depending on whether the worker took its
        // first event before the flood filled the queue.
        await().atMost(WAIT).until(() -> bridge.stats().received() == 21);
        long overflowed = bridge.stats().overflowed();
        assertThat(overflowed).isBetween(17L, 18L);
        assertThat(sink.contacts).isEmpty();
        gate.countDown();
        // One dead letter per overflow episode (one or two here).
        await().atMost(WAIT)
                .until(
                        () ->
                                sink.contacts.size() == 20 - overflowed
                                        && dropped(sink) == overflowed);

        assertThat(sink.deadLetters)
                .allSatisfy(
                        l ->
                                assertThat(l.reason())
                                        .startsWith("AMI hand-off queue full (capacity 2): "));
        Set<String> accounted = new HashSet<>();
        sink.contacts.stream().map(ContactEvent::contactId).forEach(accounted::add);
        for (DeadLetter letter : sink.deadLetters) {
            Matcher m = Pattern.compile("UniqueId: (\\S+)").matcher(letter.payload());
            while (m.find()) {
                accounted.add(m.group(1));
            }
        }
        assertThat(accounted).hasSize(20);
        BridgeStats stats = bridge.stats();
        assertThat(stats.received()).isEqualTo(21);
        assertThat(stats.published()).isEqualTo(20 - overflowed);
        assertThat(stats.deadLettered()).isEqualTo(sink.deadLetters.size());
    }
}
