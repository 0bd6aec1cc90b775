package io.ringstream.flink.sla;

import io.ringstream.analytics.sla.clock.SlaSettings;
import io.ringstream.analytics.sla.clock.SlaSignal;
import io.ringstream.analytics.sla.policy.DefaultPolicies;
import io.ringstream.analytics.sla.policy.PolicyBook;
import io.ringstream.events.AgentEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.SlaEvent;
import io.ringstream.events.SlaPolicy;
import io.ringstream.flink.sla.cep.OutcomeFunction;
import io.ringstream.flink.sla.cep.SignalOrder;
import io.ringstream.flink.sla.cep.SlaPatterns;
import io.ringstream.flink.sla.cep.WarningFunction;
import io.ringstream.flink.sla.operators.ClockSignalFunction;
import io.ringstream.flink.sla.operators.SubjectEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

/**
 * The SLA detection as the job wires it (signal operator, then the warning and outcome CEP
 * operators, all keyed), in test harnesses: events go in, signals are forwarded with their
 * timestamps, and every watermark reaches all three operators in order.
 */
public final class SlaChain implements AutoCloseable {
    private final KeyedBroadcastOperatorTestHarness<String, SubjectEvent, SlaPolicy, SlaSignal>
            signals;
    private final KeyedOneInputStreamOperatorTestHarness<String, SlaSignal, SlaEvent> warnings;
    private final KeyedOneInputStreamOperatorTestHarness<String, SlaSignal, SlaEvent> outcomes;
    private int forwarded;

    /**
     * @param answerSeconds the default voice answer threshold of every queue
     */
    public SlaChain(SlaSettings settings, long answerSeconds, double warningFraction)
            throws Exception {
        PolicyBook book =
                new PolicyBook(new DefaultPolicies(queue -> answerSeconds, warningFraction));
        signals =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new ClockSignalFunction(settings, book),
                        SubjectEvent::key,
                        Types.STRING,
                        ClockSignalFunction.POLICIES);
        // As in the job: the policy input never holds back event time.
        signals.processBroadcastWatermark(Long.MAX_VALUE);
        warnings = cep(SlaPatterns.warning(), new WarningFunction());
        outcomes = cep(SlaPatterns.outcome(), new OutcomeFunction());
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, SlaSignal, SlaEvent> cep(
            Pattern<SlaSignal, ?> pattern, PatternProcessFunction<SlaSignal, SlaEvent> function)
            throws Exception {
        CepOperator<SlaSignal, String, SlaEvent> operator =
                new CepOperator<>(
                        TypeInformation.of(SlaSignal.class)
                                .createSerializer(new SerializerConfigImpl()),
                        false,
                        NFACompiler.compileFactory(pattern, true),
                        new SignalOrder(),
                        pattern.getAfterMatchSkipStrategy(),
                        function,
                        null);
        KeyedOneInputStreamOperatorTestHarness<String, SlaSignal, SlaEvent> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        operator, SlaSignal::cepKey, Types.STRING);
        harness.open();
        return harness;
    }

    public void policy(SlaPolicy policy) throws Exception {
        signals.processBroadcastElement(policy, policy.eventTime());
    }

    public SlaChain send(ContactEvent e) throws Exception {
        signals.processElement(SubjectEvent.of(e), e.eventTime());
        forward();
        return this;
    }

    public SlaChain send(InteractionEvent e) throws Exception {
        signals.processElement(SubjectEvent.of(e), e.eventTime());
        forward();
        return this;
    }

    public SlaChain send(AgentEvent e) throws Exception {
        signals.processElement(SubjectEvent.of(e), e.eventTime());
        forward();
        return this;
    }

    /** Moves event time to {@code time} in all three operators, in pipeline order. */
    public SlaChain watermark(long time) throws Exception {
        signals.processWatermark(time);
        forward();
        warnings.processWatermark(time);
        outcomes.processWatermark(time);
        return this;
    }

    /** Every verdict so far, in event-time order (warnings before outcomes of the same time). */
    public List<SlaEvent> verdicts() {
        List<SlaEvent> all = new ArrayList<>(warnings.extractOutputValues());
        all.addAll(outcomes.extractOutputValues());
        all.sort(Comparator.comparingLong(SlaEvent::eventTime).thenComparing(SlaEvent::type));
        return all;
    }

    /** Every signal the signal operator has emitted so far. */
    public List<SlaSignal> signals() {
        return signals.extractOutputValues();
    }

    /** Keyed state entries left in the signal operator and both CEP operators. */
    public int stateEntries() {
        return entries(signals.getTwoInputOperator())
                + warnings.numKeyedStateEntries()
                + outcomes.numKeyedStateEntries();
    }

    /** Event-time timers left in all three operators. */
    public int timers() {
        return signals.numEventTimeTimers()
                + warnings.numEventTimeTimers()
                + outcomes.numEventTimeTimers();
    }

    @SuppressWarnings("unchecked")
    private static int entries(Object operator) {
        return ((HeapKeyedStateBackend<Object>)
                        ((AbstractStreamOperator<?>) operator).getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    private void forward() throws Exception {
        List<Object> output = new ArrayList<>(signals.getOutput());
        for (int i = forwarded; i < output.size(); i++) {
            if (output.get(i) instanceof StreamRecord<?> record) {
                @SuppressWarnings("unchecked")
                StreamRecord<SlaSignal> signal = (StreamRecord<SlaSignal>) record;
                warnings.processElement(
                        new StreamRecord<>(signal.getValue(), signal.getTimestamp()));
                outcomes.processElement(
                        new StreamRecord<>(signal.getValue(), signal.getTimestamp()));
            }
        }
        forwarded = output.size();
    }

    @Override
    public void close() throws Exception {
        signals.close();
        warnings.close();
        outcomes.close();
    }
}
