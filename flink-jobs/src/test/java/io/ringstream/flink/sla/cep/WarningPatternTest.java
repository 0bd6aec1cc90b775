package io.ringstream.flink.sla.cep;

import static io.ringstream.analytics.sla.SlaFixtures.T0;
import static io.ringstream.analytics.sla.SlaFixtures.end;
import static io.ringstream.analytics.sla.SlaFixtures.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.analytics.sla.clock.SignalType;
import io.ringstream.analytics.sla.clock.SlaSignal;
import io.ringstream.events.SlaEvent;
import io.ringstream.events.SlaEventType;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The warning pattern (start, not ended, then that clock's warning deadline) in the CEP operator,
 * driven by watermarks.
 */
class WarningPatternTest {
    private static final long T = 20_000;
    private static final long WARN = 16_000;
    private static final OutputTag<SlaSignal> LATE =
            new OutputTag<>("late", TypeInformation.of(SlaSignal.class));

    private KeyedOneInputStreamOperatorTestHarness<String, SlaSignal, SlaEvent> cep;

    @BeforeEach
    void open() throws Exception {
        cep = CepHarness.of(SlaPatterns.warning(), new WarningFunction(), LATE);
    }

    @AfterEach
    void close() throws Exception {
        cep.close();
    }

    private void send(SlaSignal s) throws Exception {
        cep.processElement(s, s.time());
    }

    @Test
    void warnsAtTheWarningTimeWhileStillWaiting() throws Exception {
        SlaSignal start = start("c1", T0, T, WARN);
        send(start);
        send(start.deadline(SignalType.WARNING_DUE));
        cep.processWatermark(T0 + WARN - 1);
        assertThat(cep.extractOutputValues()).isEmpty();

        cep.processWatermark(T0 + WARN + 1);

        assertThat(cep.extractOutputValues())
                .singleElement()
                .satisfies(
                        w -> {
                            assertThat(w.type()).isEqualTo(SlaEventType.WARNING);
                            assertThat(w.eventTime()).isEqualTo(T0 + WARN);
                            assertThat(w.elapsedMillis()).isEqualTo(WARN);
                            assertThat(w.thresholdMillis()).isEqualTo(T);
                            assertThat(w.clockId()).isEqualTo(start.clockId());
                        });
        assertThat(cep.numKeyedStateEntries()).as("the clock's partial match is done").isZero();
    }

    @Test
    void noWarningWhenTheClockStoppedFirstEvenIfTheStopArrivesLast() throws Exception {
        SlaSignal start = start("c1", T0, T, WARN);
        send(start);
        send(start.deadline(SignalType.WARNING_DUE));
        send(end("c1", SignalType.STOP, T0 + 9_000, null));

        cep.processWatermark(T0 + 30_000);

        assertThat(cep.extractOutputValues()).isEmpty();
        assertThat(cep.numKeyedStateEntries()).isZero();
    }

    @Test
    void aContactThatAbandonsAfterTheWarningKeepsItsWarningAndLeavesNoState() throws Exception {
        SlaSignal start = start("c1", T0, T, WARN);
        send(start);
        send(start.deadline(SignalType.WARNING_DUE));
        cep.processWatermark(T0 + WARN);
        assertThat(cep.extractOutputValues())
                .extracting(SlaEvent::type)
                .containsExactly(SlaEventType.WARNING);

        send(end("c1", SignalType.CANCEL, T0 + 18_000, "abandoned"));
        cep.processWatermark(T0 + 60_000);

        assertThat(cep.extractOutputValues()).hasSize(1);
        assertThat(cep.numKeyedStateEntries()).isZero();
        assertThat(cep.numEventTimeTimers()).isZero();
    }

    @Test
    void aLateWarningDeadlineIsNotMatched() throws Exception {
        SlaSignal start = start("c1", T0, T, WARN);
        send(start);
        cep.processWatermark(T0 + 30_000);
        SlaSignal late = start.deadline(SignalType.WARNING_DUE);

        send(late);

        assertThat(cep.getSideOutput(LATE))
                .extracting(StreamRecord::getValue)
                .containsExactly(late);
        assertThat(cep.extractOutputValues()).isEmpty();
    }
}
