package io.ringstream.flink.kit.kafka;

import io.ringstream.events.DeadLetter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Lets valid events continue and routes rejected inputs to the {@link #DEAD_LETTERS} side output,
 * so a bad record costs no data and never stops the job.
 */
public class DeadLetterSplitter<T> extends ProcessFunction<Decoded<T>, T>
        implements ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private final Class<T> eventType;

    public DeadLetterSplitter(Class<T> eventType) {
        this.eventType = eventType;
    }

    @Override
    public void processElement(Decoded<T> value, Context ctx, Collector<T> out) {
        if (value.isValid()) {
            out.collect(value.event());
        } else {
            ctx.output(DEAD_LETTERS, value.deadLetter());
        }
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(eventType);
    }
}
