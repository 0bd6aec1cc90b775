package io.ringstream.flink.kit.time;

import io.ringstream.flink.kit.kafka.Decoded;
import java.io.Serializable;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks for inputs that are configuration or facts, not traffic (SLA policies, funnel
 * definitions, customer changes): always idle, so such an input never holds back event time where
 * it joins traffic, and never drives it (a watermark of its own would fire timers during a quiet
 * period of the traffic). Records keep the Kafka record's own time, so anything written downstream
 * (a dead letter) has a timestamp the broker accepts.
 */
public final class NoEventTime<T> implements WatermarkGenerator<T>, Serializable {
    private static final long serialVersionUID = 1L;

    /** The strategy for a decoded input that carries no event time. */
    public static <T> WatermarkStrategy<Decoded<T>> strategy() {
        return WatermarkStrategy.<Decoded<T>>forGenerator(ctx -> new NoEventTime<>())
                .withTimestampAssigner((decoded, recordTimestamp) -> recordTimestamp);
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.markIdle();
    }
}
