package io.ringstream.flink.sla.cep;

import io.ringstream.analytics.sla.clock.SlaSignal;
import io.ringstream.analytics.sla.clock.Verdicts;
import io.ringstream.events.SlaEvent;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.functions.TimedOutPartialMatchHandler;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * Emits the BREACH, MET or CANCELLED of a {@link SlaPatterns#outcome} match. A clock that neither
 * ended nor reached its deadline within the pattern's horizon (its deadline signal was lost with
 * the subject's state) is counted in the {@code slaClocksExpired} metric.
 */
public final class OutcomeFunction extends PatternProcessFunction<SlaSignal, SlaEvent>
        implements TimedOutPartialMatchHandler<SlaSignal> {
    private static final long serialVersionUID = 1L;

    private transient Counter expired;

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        expired = getRuntimeContext().getMetricGroup().counter("slaClocksExpired");
    }

    @Override
    public void processMatch(
            Map<String, List<SlaSignal>> match, Context ctx, Collector<SlaEvent> out) {
        out.collect(
                Verdicts.outcome(
                        match.get(SlaPatterns.START).get(0), match.get(SlaPatterns.END).get(0)));
    }

    @Override
    public void processTimedOutMatch(Map<String, List<SlaSignal>> match, Context ctx) {
        if (expired != null) {
            expired.inc();
        }
    }
}
