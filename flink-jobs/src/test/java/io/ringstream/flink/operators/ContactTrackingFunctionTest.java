package io.ringstream.flink.operators;

import static io.ringstream.testkit.TestEvents.T0;
import static io.ringstream.testkit.TestEvents.answered;
import static io.ringstream.testkit.TestEvents.arrived;
import static io.ringstream.testkit.TestEvents.ended;
import static io.ringstream.testkit.TestEvents.queued;
import static io.ringstream.testkit.TestEvents.talkEnded;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.ContactEvent;
import io.ringstream.flink.stats.ContactTracker;
import io.ringstream.flink.stats.Intervals;
import io.ringstream.flink.stats.QueueDelta;
import io.ringstream.flink.stats.ServiceLevelThresholds;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-contact operator in event time: what it emits and when its state goes away. */
class ContactTrackingFunctionTest {
    private static final String T = "acme";
    private static final Duration LINGER = Duration.ofMinutes(1);
    private static final Duration INACTIVITY = Duration.ofHours(4);

    private KeyedOneInputStreamOperatorTestHarness<String, ContactEvent, QueueDelta> harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new ContactTrackingFunction(
                                new ContactTracker(
                                        new Intervals(15), ServiceLevelThresholds.uniform(20)),
                                LINGER,
                                INACTIVITY),
                        ContactTrackingFunction::keyOf,
                        Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(ContactEvent e) throws Exception {
        harness.processElement(e, e.eventTime());
    }

    @Test
    void emitsDeltasAndClearsStateOnceTheLingerAfterEndedHasPassed() throws Exception {
        send(queued(T, "c1", "sales", T0));
        send(answered(T, "c1", "sales", T0 + 8_000, 8_000L));
        send(ended(T, "c1", T0 + 60_000));
        assertThat(harness.extractOutputValues())
                .containsExactly(
                        new QueueDelta(T, "sales", T0, 1, 0, 0, 0, 0, 0),
                        new QueueDelta(T, "sales", T0, 0, 1, 0, 1, 8_000, 0));

        // TALK_ENDED arrives after ENDED, inside the linger: still attributed.
        harness.processWatermark(T0 + 60_000 + LINGER.toMillis() - 1);
        send(talkEnded(T, "c1", T0 + 59_000, 51_000));
        assertThat(harness.extractOutputValues())
                .last()
                .isEqualTo(new QueueDelta(T, "sales", T0, 0, 0, 0, 0, 0, 51_000));
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.processWatermark(T0 + 60_000 + LINGER.toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aDuplicateWithinTheLingerIsIgnored() throws Exception {
        send(queued(T, "c1", "sales", T0));
        send(ended(T, "c1", T0 + 10_000));
        send(queued(T, "c1", "sales", T0));

        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    @Test
    void contactsThatNeverEndAreClearedAfterInactivity() throws Exception {
        send(queued(T, "c1", "sales", T0));
        send(queued(T, "c2", "sales", T0 + 1_000));
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);

        // Each event moves the contact's single timer.
        send(answered(T, "c2", "sales", T0 + 3_600_000, 3_599_000L));
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);

        harness.processWatermark(T0 + INACTIVITY.toMillis());
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        harness.processWatermark(T0 + 3_600_000 + INACTIVITY.toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void contactsThatNeverQueueStoreNothing() throws Exception {
        send(arrived(T, "c1", T0));
        send(ended(T, "c1", T0 + 5_000));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void contactsAreKeyedPerTenant() throws Exception {
        send(queued("a", "c1", "sales", T0));
        send(queued("b", "c1", "sales", T0));

        assertThat(harness.extractOutputValues())
                .extracting(QueueDelta::tenant)
                .containsExactly("a", "b");
    }
}
