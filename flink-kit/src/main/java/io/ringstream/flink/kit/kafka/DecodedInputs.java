package io.ringstream.flink.kit.kafka;

import io.ringstream.events.DeadLetter;
import io.ringstream.flink.kit.time.NoEventTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Adds a job's decoded Kafka inputs to its pipeline the same way for every job: the source, then
 * {@link DeadLetterSplitter}, with stable uids ({@code <prefix><name>-source}, {@code
 * <prefix><name>-decode}: savepoints map state by uid) and every input's rejects gathered into one
 * stream.
 */
public final class DecodedInputs {
    private final StreamExecutionEnvironment env;
    private final String uidPrefix;
    private final List<DataStream<DeadLetter>> rejects = new ArrayList<>();

    /**
     * @param uidPrefix prepended to the operator uids (e.g. {@code "sla-"}); keep it stable
     */
    public DecodedInputs(StreamExecutionEnvironment env, String uidPrefix) {
        this.env = env;
        this.uidPrefix = uidPrefix;
    }

    /** Valid events of one source; its rejects join {@link #deadLetters()}. */
    public <T> SingleOutputStreamOperator<T> add(
            Source<Decoded<T>, ?, ?> source,
            Class<T> type,
            String name,
            WatermarkStrategy<Decoded<T>> watermarks) {
        SingleOutputStreamOperator<T> events =
                env.fromSource(source, watermarks, name, Decoded.typeOf(type))
                        .uid(uidPrefix + name + "-source")
                        .process(new DeadLetterSplitter<>(type))
                        .uid(uidPrefix + name + "-decode")
                        .name(name + "-decode");
        rejects.add(events.getSideOutput(DeadLetterSplitter.DEAD_LETTERS));
        return events;
    }

    /** The same, for an input without event time (configuration, commands). */
    public <T> SingleOutputStreamOperator<T> add(
            Source<Decoded<T>, ?, ?> source, Class<T> type, String name) {
        return add(source, type, name, WatermarkStrategy.noWatermarks());
    }

    /**
     * A configuration input (SLA policies, funnel definitions): no event time ({@link NoEventTime}:
     * always idle, so it never holds back the traffic it joins) and one reader, since a reader
     * without a partition would report no watermark at all. Its rejects join {@link
     * #deadLetters()}.
     */
    public <T> SingleOutputStreamOperator<T> addConfiguration(
            Source<Decoded<T>, ?, ?> source, Class<T> type, String name) {
        SingleOutputStreamOperator<T> events =
                env.fromSource(source, NoEventTime.strategy(), name, Decoded.typeOf(type))
                        .setParallelism(1)
                        .uid(uidPrefix + name + "-source")
                        .process(new DeadLetterSplitter<>(type))
                        .setParallelism(1)
                        .uid(uidPrefix + name + "-decode")
                        .name(name + "-decode");
        rejects.add(events.getSideOutput(DeadLetterSplitter.DEAD_LETTERS));
        return events;
    }

    /** Every added input's rejects, plus {@code more} (e.g. an operator's own dead letters). */
    @SafeVarargs
    public final DataStream<DeadLetter> deadLetters(DataStream<DeadLetter>... more) {
        List<DataStream<DeadLetter>> all = new ArrayList<>(rejects);
        all.addAll(List.of(more));
        if (all.isEmpty()) {
            throw new IllegalStateException("no inputs added");
        }
        DataStream<DeadLetter> first = all.get(0);
        return all.size() == 1
                ? first
                : first.union(all.subList(1, all.size()).toArray(DataStream[]::new));
    }
}
