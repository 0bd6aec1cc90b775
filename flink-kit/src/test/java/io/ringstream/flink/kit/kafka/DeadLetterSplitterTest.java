package io.ringstream.flink.kit.kafka;

import static io.ringstream.testkit.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.ContactEvent;
import io.ringstream.events.DeadLetter;
import io.ringstream.testkit.TestEvents;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Rejected records leave the main stream for the side output, valid ones stay. */
class DeadLetterSplitterTest {

    @Test
    void validEventsGoOnAndRejectsGoToTheSideOutput() throws Exception {
        ContactEvent event = TestEvents.queued("acme", "c1", "sales", T0);
        DeadLetter rejected =
                DeadLetter.fromKafka(
                        "malformed", "flink:queue-stats", "contact-events", 0, 5, "{", 1);
        try (OneInputStreamOperatorTestHarness<Decoded<ContactEvent>, ContactEvent> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new DeadLetterSplitter<>(ContactEvent.class))) {
            harness.processElement(Decoded.valid(event), T0);
            harness.processElement(Decoded.rejected(rejected), Long.MIN_VALUE);

            assertThat(harness.extractOutputValues()).containsExactly(event);
            assertThat(harness.getSideOutput(DeadLetterSplitter.DEAD_LETTERS))
                    .extracting(StreamRecord::getValue)
                    .containsExactly(rejected);
        }
    }
}
