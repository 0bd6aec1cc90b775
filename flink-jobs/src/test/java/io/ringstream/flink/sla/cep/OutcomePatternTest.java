package io.ringstream.flink.sla.cep;

import static io.ringstream.analytics.sla.SlaFixtures.T0;
import static io.ringstream.analytics.sla.SlaFixtures.end;
import static io.ringstream.analytics.sla.SlaFixtures.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.analytics.sla.clock.SignalType;
import io.ringstream.analytics.sla.clock.SlaSignal;
import io.ringstream.events.SlaEvent;
import io.ringstream.events.SlaEventType;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outcome pattern (start, then the first of stop, cancel or that clock's breach deadline) in
 * the CEP operator, driven by watermarks: nothing is decided before event time has passed.
 */
class OutcomePatternTest {
    private static final long T = 20_000;
    private static final OutputTag<SlaSignal> LATE =
            new OutputTag<>("late", TypeInformation.of(SlaSignal.class));

    private KeyedOneInputStreamOperatorTestHarness<String, SlaSignal, SlaEvent> cep;

    @BeforeEach
    void open() throws Exception {
        cep = CepHarness.of(SlaPatterns.outcome(), new OutcomeFunction(), LATE);
    }

    @AfterEach
    void close() throws Exception {
        cep.close();
    }

    private void send(SlaSignal s) throws Exception {
        cep.processElement(s, s.time());
    }

    private List<SlaEvent> verdicts() {
        return cep.extractOutputValues();
    }

    @Test
    void metOnlyOnceTheWatermarkHasPassedTheStop() throws Exception {
        SlaSignal start = start("c1", T0, T, 16_000);
        send(start);
        send(end("c1", SignalType.STOP, T0 + 8_000, null));
        cep.processWatermark(T0 + 7_999);
        assertThat(verdicts()).isEmpty();

        cep.processWatermark(T0 + 8_000);

        assertThat(verdicts()).hasSize(1);
        SlaEvent met = verdicts().get(0);
        assertThat(met.type()).isEqualTo(SlaEventType.MET);
        assertThat(met.elapsedMillis()).isEqualTo(8_000);
        assertThat(met.thresholdMillis()).isEqualTo(T);
        assertThat(met.eventTime()).isEqualTo(T0 + 8_000);
        assertThat(met.contactId()).isEqualTo("c1");
        assertThat(met.queue()).isEqualTo("sales");
        assertThat(met.agentId()).as("who answered").isEqualTo("agent-7");
        assertThat(met.clockId()).isEqualTo(start.clockId());

        // The breach deadline of a clock that has stopped finds nothing to end.
        send(start.deadline(SignalType.BREACH_DUE));
        cep.processWatermark(T0 + 60_000);
        assertThat(verdicts()).hasSize(1);
    }

    @Test
    void outOfOrderStopBeforeItsStartStillMeetsTheClock() throws Exception {
        send(end("c1", SignalType.STOP, T0 + 5_000, null));
        send(start("c1", T0, T, 16_000));

        cep.processWatermark(T0 + 10_000);

        assertThat(verdicts())
                .singleElement()
                .satisfies(
                        v -> {
                            assertThat(v.type()).isEqualTo(SlaEventType.MET);
                            assertThat(v.elapsedMillis()).isEqualTo(5_000);
                        });
    }

    @Test
    void breachWhenTheDeadlineComesFirstAndALaterAnswerChangesNothing() throws Exception {
        SlaSignal start = start("c1", T0, T, 16_000);
        send(start);
        // The answer at 25 s arrives before the deadline signal (out of order): event time decides.
        send(end("c1", SignalType.STOP, T0 + 25_000, null));
        send(start.deadline(SignalType.BREACH_DUE));

        cep.processWatermark(T0 + 30_000);

        assertThat(verdicts())
                .singleElement()
                .satisfies(
                        v -> {
                            assertThat(v.type()).isEqualTo(SlaEventType.BREACH);
                            assertThat(v.eventTime()).isEqualTo(T0 + T);
                            assertThat(v.elapsedMillis()).isEqualTo(T);
                        });
    }

    @Test
    void aStopInTheSameMillisecondAsTheDeadlineMeetsIt() throws Exception {
        SlaSignal start = start("c1", T0, T, 16_000);
        send(start);
        send(start.deadline(SignalType.BREACH_DUE));
        send(end("c1", SignalType.STOP, T0 + T, null));

        cep.processWatermark(T0 + T);

        assertThat(verdicts()).extracting(SlaEvent::type).containsExactly(SlaEventType.MET);
    }

    @Test
    void aLateStopGoesToTheLateOutputAndTheBreachStands() throws Exception {
        SlaSignal start = start("c1", T0, T, 16_000);
        send(start);
        send(start.deadline(SignalType.BREACH_DUE));
        cep.processWatermark(T0 + 30_000);
        assertThat(verdicts()).extracting(SlaEvent::type).containsExactly(SlaEventType.BREACH);

        SlaSignal lateStop = end("c1", SignalType.STOP, T0 + 10_000, null);
        send(lateStop);
        cep.processWatermark(T0 + 40_000);

        assertThat(cep.getSideOutput(LATE))
                .extracting(StreamRecord::getValue)
                .containsExactly(lateStop);
        assertThat(verdicts()).extracting(SlaEvent::type).containsExactly(SlaEventType.BREACH);
    }

    @Test
    void abandonBeforeTheThresholdIsCancelledWithItsReason() throws Exception {
        SlaSignal start = start("c1", T0, T, 16_000);
        send(start);
        SlaSignal abandon =
                new SlaSignal(
                        SignalType.CANCEL,
                        start.tenant(),
                        start.subjectType(),
                        "c1",
                        start.kind(),
                        null,
                        T0 + 3_000,
                        0,
                        null,
                        0,
                        0,
                        "c1",
                        null,
                        "sales",
                        start.channel(),
                        null,
                        "abandoned",
                        true);
        send(abandon);
        send(start.deadline(SignalType.BREACH_DUE));

        cep.processWatermark(T0 + 60_000);

        assertThat(verdicts())
                .singleElement()
                .satisfies(
                        v -> {
                            assertThat(v.type()).isEqualTo(SlaEventType.CANCELLED);
                            assertThat(v.reason()).isEqualTo("abandoned");
                            assertThat(v.shortAbandon()).isTrue();
                            assertThat(v.elapsedMillis()).isEqualTo(3_000);
                        });
    }

    @Test
    void aRequeueEndsTheOldClockBeforeTheNewOneStartsInTheSameMillisecond() throws Exception {
        SlaSignal first = start("c1", T0, T, 16_000);
        SlaSignal second = start("c1", T0 + 10_000, T, 16_000);
        send(first);
        // Arrival order puts the new start before the supersede; the signal order decides.
        send(second);
        send(end("c1", SignalType.SUPERSEDE, T0 + 10_000, "requeued"));
        send(first.deadline(SignalType.BREACH_DUE));
        send(end("c1", SignalType.STOP, T0 + 12_000, null));

        cep.processWatermark(T0 + 60_000);

        assertThat(verdicts())
                .extracting(SlaEvent::type, SlaEvent::clockId, SlaEvent::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                SlaEventType.CANCELLED, first.clockId(), "requeued"),
                        org.assertj.core.groups.Tuple.tuple(
                                SlaEventType.MET, second.clockId(), null));
    }

    @Test
    void theDeadlineOfAnEarlierClockDoesNotEndTheNextOne() throws Exception {
        SlaSignal firstHold = start("c1", T0, T, 16_000);
        SlaSignal secondHold = start("c1", T0 + 10_000, T, 16_000);
        send(firstHold);
        send(end("c1", SignalType.STOP, T0 + 5_000, null));
        send(secondHold);
        // The first clock's deadline was already scheduled; it must not breach the second.
        send(firstHold.deadline(SignalType.BREACH_DUE));
        send(end("c1", SignalType.STOP, T0 + 25_000, null));

        cep.processWatermark(T0 + 60_000);

        assertThat(verdicts())
                .extracting(SlaEvent::type, SlaEvent::elapsedMillis)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SlaEventType.MET, 5_000L),
                        org.assertj.core.groups.Tuple.tuple(SlaEventType.MET, 15_000L));
    }

    @Test
    void stateIsClearedOnceEventTimeHasPassedTheEnd() throws Exception {
        SlaSignal start = start("c1", T0, T, 16_000);
        send(start);
        send(end("c1", SignalType.STOP, T0 + 4_000, null));
        assertThat(cep.numKeyedStateEntries()).isPositive();

        cep.processWatermark(T0 + 4_001);

        assertThat(verdicts()).hasSize(1);
        assertThat(cep.numKeyedStateEntries()).isZero();
        assertThat(cep.numEventTimeTimers()).isZero();
    }

    @Test
    void theExpiredCancelOfAForgottenSubjectReleasesEverythingLeft() throws Exception {
        // A clock that never ended, and one whose end fell exactly on the watermark (CEP keeps an
        // event counter for that millisecond until event time moves past it for the key).
        send(start("c1", T0, T, 16_000));
        send(start("c2", T0, T, 16_000));
        send(end("c2", SignalType.STOP, T0 + 4_000, null));
        cep.processWatermark(T0 + 4_000);
        assertThat(verdicts()).extracting(SlaEvent::type).containsExactly(SlaEventType.MET);
        assertThat(cep.numKeyedStateEntries()).isPositive();

        send(end("c1", SignalType.CANCEL, T0 + 900_000, "expired"));
        send(end("c2", SignalType.CANCEL, T0 + 900_000, "expired"));
        cep.processWatermark(T0 + 900_001);

        assertThat(verdicts())
                .extracting(SlaEvent::type, SlaEvent::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SlaEventType.MET, null),
                        org.assertj.core.groups.Tuple.tuple(SlaEventType.CANCELLED, "expired"));
        assertThat(cep.numKeyedStateEntries()).isZero();
        assertThat(cep.numEventTimeTimers()).isZero();
    }
}
