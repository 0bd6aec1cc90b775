package io.ringstream.flink.sla.cep;

import io.ringstream.analytics.sla.clock.SlaSignal;
import io.ringstream.analytics.sla.clock.Verdicts;
import io.ringstream.events.SlaEvent;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;

/** Emits the WARNING of a {@link SlaPatterns#warning} match. */
public final class WarningFunction extends PatternProcessFunction<SlaSignal, SlaEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processMatch(
            Map<String, List<SlaSignal>> match, Context ctx, Collector<SlaEvent> out) {
        out.collect(
                Verdicts.warning(
                        match.get(SlaPatterns.START).get(0),
                        match.get(SlaPatterns.WARNING).get(0)));
    }
}
