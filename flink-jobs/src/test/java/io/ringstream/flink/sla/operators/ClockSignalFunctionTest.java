package io.ringstream.flink.sla.operators;

import static io.ringstream.analytics.sla.SlaFixtures.T0;
import static io.ringstream.analytics.sla.SlaFixtures.answered;
import static io.ringstream.analytics.sla.SlaFixtures.policy;
import static io.ringstream.analytics.sla.SlaFixtures.queued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ringstream.analytics.sla.clock.SignalType;
import io.ringstream.analytics.sla.clock.SlaSettings;
import io.ringstream.analytics.sla.clock.SlaSignal;
import io.ringstream.analytics.sla.policy.DefaultPolicies;
import io.ringstream.analytics.sla.policy.PolicyBook;
import io.ringstream.events.SlaKind;
import io.ringstream.events.SlaPolicy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The signal operator: deadlines from timers, dropped when a clock ends first; policies. */
class ClockSignalFunctionTest {
    private KeyedBroadcastOperatorTestHarness<String, SubjectEvent, SlaPolicy, SlaSignal> harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new ClockSignalFunction(
                                SlaSettings.DEFAULT,
                                new PolicyBook(new DefaultPolicies(q -> 20, 0.8))),
                        SubjectEvent::key,
                        Types.STRING,
                        ClockSignalFunction.POLICIES);
        harness.processBroadcastWatermark(Long.MAX_VALUE);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void deadlinesAreEmittedWhenDueWithTheirEventTime() throws Exception {
        harness.processElement(SubjectEvent.of(queued("c1", "sales", T0)), T0);
        harness.processWatermark(T0 + 30_000);

        assertThat(harness.extractOutputStreamRecords())
                .extracting(r -> r.getValue().type(), StreamRecord::getTimestamp)
                .containsExactly(
                        tuple(SignalType.SUPERSEDE, T0),
                        tuple(SignalType.START, T0),
                        tuple(SignalType.WARNING_DUE, T0 + 16_000),
                        tuple(SignalType.BREACH_DUE, T0 + 20_000));
    }

    @Test
    void aClockStoppedBeforeItsDeadlinesDropsThemAndTheirTimers() throws Exception {
        harness.processElement(SubjectEvent.of(queued("c1", "sales", T0)), T0);
        int withDeadlines = harness.numEventTimeTimers();
        harness.processElement(
                SubjectEvent.of(answered("c1", "sales", T0 + 3_000, 3_000)), T0 + 3_000);

        assertThat(harness.numEventTimeTimers()).isEqualTo(withDeadlines - 2);
        harness.processWatermark(T0 + 60_000);
        assertThat(harness.extractOutputValues())
                .extracting(SlaSignal::type)
                .doesNotContain(SignalType.WARNING_DUE, SignalType.BREACH_DUE);
    }

    @Test
    void anAnswerAfterTheDeadlineKeepsTheDeadlinesThatWereAlreadyDue() throws Exception {
        harness.processElement(SubjectEvent.of(queued("c1", "sales", T0)), T0);
        // Out of order: the answer at 25 s arrives before event time reached the deadlines.
        harness.processElement(
                SubjectEvent.of(answered("c1", "sales", T0 + 25_000, 25_000)), T0 + 25_000);
        harness.processWatermark(T0 + 30_000);

        assertThat(harness.extractOutputValues())
                .extracting(SlaSignal::type)
                .contains(SignalType.WARNING_DUE, SignalType.BREACH_DUE, SignalType.STOP);
    }

    @Test
    void policiesAreKeptPerTenantAndIdAndWithdrawnByADeletion() throws Exception {
        SlaPolicy tight = policy("sales", SlaKind.ANSWER, "sales", null, 5, null);
        harness.processBroadcastElement(tight, T0);
        assertThat(
                        harness.getBroadcastState(ClockSignalFunction.POLICIES)
                                .contains("acme\u001fsales"))
                .isTrue();

        harness.processElement(SubjectEvent.of(queued("c1", "sales", T0)), T0);
        harness.processBroadcastElement(tight.deletion("gone", T0 + 1), T0 + 1);
        harness.processElement(SubjectEvent.of(queued("c2", "sales", T0 + 2)), T0 + 2);

        assertThat(harness.extractOutputValues().stream().filter(s -> s.type() == SignalType.START))
                .extracting(SlaSignal::subject, SlaSignal::thresholdMillis, SlaSignal::policyId)
                .containsExactly(
                        tuple("c1", 5_000L, "sales"), tuple("c2", 20_000L, "default:ANSWER:VOICE"));
        assertThat(
                        harness.getBroadcastState(ClockSignalFunction.POLICIES)
                                .contains("acme\u001fsales"))
                .isFalse();
    }
}
