package io.ringstream.flink.sla.operators;

import io.ringstream.events.SlaEvent;
import io.ringstream.flink.kit.state.EventTimeBuffer;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Puts one subject's verdicts back in event-time order before they leave the job: warnings and
 * outcomes come from two CEP operators, so without this a breach could reach supervisors before the
 * warning that preceded it. Keyed by tenant and subject; each verdict waits until the watermark
 * passes it (it arrives on time: CEP emits it as the watermark reaches its time), at most one
 * watermark interval. Verdicts of the same millisecond go in {@link
 * io.ringstream.events.SlaEventType} order. State: only verdicts not yet released.
 */
public class VerdictOrderFunction extends KeyedProcessFunction<String, SlaEvent, SlaEvent> {
    private static final long serialVersionUID = 1L;

    private static final Comparator<SlaEvent> ORDER =
            Comparator.comparing(SlaEvent::type).thenComparing(SlaEvent::eventId);

    private transient EventTimeBuffer<SlaEvent> buffer;

    public static String keyOf(SlaEvent e) {
        return e.tenant() + '\u001f' + e.subjectType() + '\u001f' + e.subject();
    }

    @Override
    public void open(OpenContext openContext) {
        buffer =
                new EventTimeBuffer<>(
                        getRuntimeContext()
                                .getMapState(
                                        new MapStateDescriptor<>(
                                                "verdicts",
                                                Types.LONG,
                                                Types.LIST(TypeInformation.of(SlaEvent.class)))));
    }

    @Override
    public void processElement(SlaEvent verdict, Context ctx, Collector<SlaEvent> out)
            throws Exception {
        if (verdict.eventTime() <= ctx.timerService().currentWatermark()) {
            out.collect(verdict);
            return;
        }
        if (buffer.add(verdict.eventTime(), verdict)) {
            ctx.timerService().registerEventTimeTimer(verdict.eventTime());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SlaEvent> out)
            throws Exception {
        List<SlaEvent> due = buffer.drain(ctx.timerService().currentWatermark(), ORDER);
        due.forEach(out::collect);
    }
}
