package io.ringstream.flink.kit.kafka;

import io.ringstream.events.DeadLetter;
import io.ringstream.events.serde.InvalidEventException;
import io.ringstream.events.topics.Topic;
import java.util.Objects;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes a topic's records with its validating serde and never throws, so one bad record can
 * neither stop the job nor vanish.
 *
 * <p>A record that is not a valid event becomes a {@link DeadLetter} (reason, topic, partition,
 * offset) when this job is the topic's reporting reader ({@link Topic#rejectsReportedBy()});
 * otherwise it is skipped and counted in {@code rejectsLeftToTheReportingReader}, because that
 * reader reports it. So a malformed record yields exactly one dead letter, whichever jobs read its
 * topic.
 */
public class DecodingDeserializer<T> implements KafkaRecordDeserializationSchema<Decoded<T>> {
    private static final long serialVersionUID = 1L;

    private final Topic<T> topic;
    private final String component;
    private final boolean reports;
    private transient Counter leftToReporter;

    /**
     * @param component how the job reading the topic names itself in the dead letters it makes
     */
    public DecodingDeserializer(Topic<T> topic, String component) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.component = Objects.requireNonNull(component, "component");
        this.reports = topic.reportsRejectsOf(component);
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        leftToReporter = context.getMetricGroup().counter("rejectsLeftToTheReportingReader");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Decoded<T>> out) {
        // Decode first, collect outside the try: a failure downstream must not become a dead
        // letter.
        Decoded<T> decoded = decode(record);
        if (decoded.isValid() || reports) {
            out.collect(decoded);
        } else {
            counter().inc();
        }
    }

    Decoded<T> decode(ConsumerRecord<byte[], byte[]> record) {
        String reason;
        try {
            return Decoded.valid(topic.serde().deserialize(record.value()));
        } catch (InvalidEventException e) {
            reason = e.getMessage();
        } catch (RuntimeException e) {
            // The serde promises InvalidEventException; anything else is still the record's fault.
            reason = "undecodable " + topic.name() + " record: " + e;
        }
        return Decoded.rejected(
                DeadLetter.fromKafka(
                        reason,
                        component,
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.value(),
                        System.currentTimeMillis()));
    }

    private Counter counter() {
        if (leftToReporter == null) {
            // Not opened by a Kafka source (a unit test): count locally.
            leftToReporter = new SimpleCounter();
        }
        return leftToReporter;
    }

    /** Records this reader skipped because another reader reports them. */
    long skipped() {
        return counter().getCount();
    }

    @Override
    public TypeInformation<Decoded<T>> getProducedType() {
        return Decoded.typeOf(topic.serde().type());
    }
}
