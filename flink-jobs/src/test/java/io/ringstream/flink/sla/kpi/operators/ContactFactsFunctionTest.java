package io.ringstream.flink.sla.kpi.operators;

import static io.ringstream.analytics.sla.SlaFixtures.T0;
import static io.ringstream.analytics.sla.SlaFixtures.answered;
import static io.ringstream.analytics.sla.SlaFixtures.event;
import static io.ringstream.analytics.sla.SlaFixtures.queued;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.analytics.kpi.FactType;
import io.ringstream.analytics.kpi.KpiFact;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-contact KPI operator: event-time order, and state gone a linger after the end. */
class ContactFactsFunctionTest {
    private static final Duration LINGER = Duration.ofMinutes(15);

    private KeyedOneInputStreamOperatorTestHarness<String, ContactEvent, KpiFact> harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new ContactFactsFunction(LINGER, Duration.ofHours(8)),
                        ContactFactsFunction::keyOf,
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
    void eventsArrivingOutOfOrderAreAppliedInEventTimeOrder() throws Exception {
        send(answered("c1", "sales", T0 + 8_000, 8_000));
        send(queued("c1", "sales", T0));
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(T0 + 8_000);

        assertThat(harness.extractOutputValues())
                .extracting(KpiFact::type)
                .containsExactly(FactType.OFFERED, FactType.LEFT, FactType.ANSWERED);
    }

    @Test
    void stateIsClearedALingerAfterTheContactEnded() throws Exception {
        send(queued("c1", "sales", T0));
        send(answered("c1", "sales", T0 + 5_000, 5_000));
        send(event("c1", ContactEventType.ENDED, T0 + 60_000));
        harness.processWatermark(T0 + 60_000);
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.processWatermark(T0 + 60_000 + LINGER.toMillis());

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aContactThatNeverEndsLeavesItsQueueWhenForgotten() throws Exception {
        send(queued("c1", "sales", T0));
        harness.processWatermark(T0 + Duration.ofHours(8).toMillis());

        assertThat(harness.extractOutputValues())
                .extracting(KpiFact::type)
                .containsExactly(FactType.OFFERED, FactType.LEFT);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
