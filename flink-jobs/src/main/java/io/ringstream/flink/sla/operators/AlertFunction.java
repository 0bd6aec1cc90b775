package io.ringstream.flink.sla.operators;

import io.ringstream.analytics.sla.clock.Verdicts;
import io.ringstream.events.SlaEvent;
import io.ringstream.events.SupervisorAlert;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** Passes warnings and breaches on to supervisors (and routing) as {@link SupervisorAlert}s. */
public class AlertFunction implements FlatMapFunction<SlaEvent, SupervisorAlert> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(SlaEvent event, Collector<SupervisorAlert> out) {
        SupervisorAlert alert = Verdicts.alertFor(event);
        if (alert != null) {
            out.collect(alert);
        }
    }
}
