package io.ringstream.flink.sla.operators;

import io.ringstream.analytics.sla.clock.SlaSignal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes signals the CEP patterns refused as late visible: counted in {@code lateSlaSignals} and
 * logged. Such a signal arrived after the watermark passed its time (later than the configured
 * out-of-orderness); the verdict already given for its clock stands.
 */
public class LateSignalCounter extends ProcessFunction<SlaSignal, SlaSignal> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LateSignalCounter.class);

    private transient Counter late;

    @Override
    public void open(OpenContext openContext) {
        late = getRuntimeContext().getMetricGroup().counter("lateSlaSignals");
    }

    @Override
    public void processElement(SlaSignal signal, Context ctx, Collector<SlaSignal> out) {
        late.inc();
        LOG.debug(
                "Late SLA signal (event time {}, watermark {}): {}",
                signal.time(),
                ctx.timerService().currentWatermark(),
                signal);
    }
}
