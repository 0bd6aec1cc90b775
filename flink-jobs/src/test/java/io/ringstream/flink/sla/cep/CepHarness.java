package io.ringstream.flink.sla.cep;

import io.ringstream.analytics.sla.clock.SlaSignal;
import io.ringstream.events.SlaEvent;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.functions.TimedOutPartialMatchHandler;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/**
 * Builds the CEP operator exactly as {@code CEP.pattern(keyed, pattern, new SignalOrder())
 * .inEventTime()} does in the job, inside a keyed test harness driven by watermarks.
 */
final class CepHarness {
    private CepHarness() {}

    static KeyedOneInputStreamOperatorTestHarness<String, SlaSignal, SlaEvent> of(
            Pattern<SlaSignal, ?> pattern,
            PatternProcessFunction<SlaSignal, SlaEvent> function,
            OutputTag<SlaSignal> late)
            throws Exception {
        CepOperator<SlaSignal, String, SlaEvent> operator =
                new CepOperator<>(
                        TypeInformation.of(SlaSignal.class)
                                .createSerializer(new SerializerConfigImpl()),
                        false,
                        NFACompiler.compileFactory(
                                pattern, function instanceof TimedOutPartialMatchHandler),
                        new SignalOrder(),
                        pattern.getAfterMatchSkipStrategy(),
                        function,
                        late);
        KeyedOneInputStreamOperatorTestHarness<String, SlaSignal, SlaEvent> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        operator, SlaSignal::cepKey, Types.STRING);
        harness.open();
        return harness;
    }
}
