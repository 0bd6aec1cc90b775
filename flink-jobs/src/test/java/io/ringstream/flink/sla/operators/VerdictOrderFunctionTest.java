package io.ringstream.flink.sla.operators;

import static io.ringstream.analytics.sla.SlaFixtures.T0;
import static io.ringstream.analytics.sla.SlaFixtures.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.analytics.sla.clock.SignalType;
import io.ringstream.analytics.sla.clock.SlaSignal;
import io.ringstream.analytics.sla.clock.Verdicts;
import io.ringstream.events.SlaEvent;
import io.ringstream.events.SlaEventType;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Verdicts from the two CEP operators leave in event-time order per subject. */
class VerdictOrderFunctionTest {

    @Test
    void aBreachThatArrivesFirstStillLeavesAfterItsWarning() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, SlaEvent, SlaEvent> harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new VerdictOrderFunction(), VerdictOrderFunction::keyOf, Types.STRING);
        SlaSignal start = start("c1", T0, 20_000, 16_000);
        SlaEvent breach = Verdicts.outcome(start, start.deadline(SignalType.BREACH_DUE));
        SlaEvent warning = Verdicts.warning(start, start.deadline(SignalType.WARNING_DUE));

        harness.processElement(breach, breach.eventTime());
        harness.processElement(warning, warning.eventTime());
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.processWatermark(T0 + 20_000);

        assertThat(harness.extractOutputValues())
                .extracting(SlaEvent::type)
                .containsExactly(SlaEventType.WARNING, SlaEventType.BREACH);
        assertThat(harness.numKeyedStateEntries()).isZero();
        harness.close();
    }
}
