package io.ringstream.flink.routing;

import io.ringstream.events.DeadLetter;
import io.ringstream.events.topics.Topic;
import io.ringstream.flink.kafka.Decoded;
import io.ringstream.flink.kafka.DecodingDeserializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The routing job's Kafka sources and sinks, from the shared topic registry. */
public final class RoutingConnectors {
    private RoutingConnectors() {}

    /**
     * A source whose records arrive decoded or as dead letters naming the routing job.
     *
     * @param start where to begin without a checkpoint (with one, offsets come from it)
     */
    public static <T> KafkaSource<Decoded<T>> source(
            String bootstrapServers, String groupId, Topic<T> topic, OffsetsInitializer start) {
        return KafkaSource.<Decoded<T>>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic.name())
                .setGroupId(groupId)
                .setStartingOffsets(start)
                .setDeserializer(new Relabeling<>(new DecodingDeserializer<>(topic)))
                .setProperty("partition.discovery.interval.ms", "60000")
                // Routing waits for nothing: hand over records as soon as the broker has any.
                .setProperty("fetch.max.wait.ms", "50")
                .build();
    }

    /**
     * Writes a topic keyed by the registry. At least once, not exactly once: an exactly-once sink
     * only makes records visible when a checkpoint completes, which would add up to a checkpoint
     * interval to every assignment. A record re-sent after a restore carries the same event id
     * (offers and decisions have ids derived from their inputs), so consumers drop the repeat.
     */
    public static <T> KafkaSink<T> sink(String bootstrapServers, Topic<T> topic) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(
                        KafkaRecordSerializationSchema.<T>builder()
                                .setTopic(topic.name())
                                .setKeySerializationSchema(new KeySchema<>(topic))
                                .setValueSerializationSchema(new ValueSchema<>(topic))
                                .build())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setProperty("linger.ms", "0")
                .build();
    }

    /** Re-labels the shared deserializer's dead letters with the routing job's name. */
    static final class Relabeling<T> implements KafkaRecordDeserializationSchema<Decoded<T>> {
        private static final long serialVersionUID = 1L;
        private final DecodingDeserializer<T> inner;

        Relabeling(DecodingDeserializer<T> inner) {
            this.inner = inner;
        }

        @Override
        public void open(DeserializationSchema.InitializationContext context) throws Exception {
            inner.open(context);
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Decoded<T>> out)
                throws IOException {
            inner.deserialize(
                    record,
                    new Collector<>() {
                        @Override
                        public void collect(Decoded<T> decoded) {
                            out.collect(decoded.isValid() ? decoded : relabel(decoded));
                        }

                        @Override
                        public void close() {}
                    });
        }

        private static <T> Decoded<T> relabel(Decoded<T> d) {
            DeadLetter l = d.deadLetter();
            return Decoded.rejected(
                    new DeadLetter(
                            l.reason(),
                            TenantRouter.COMPONENT,
                            l.origin(),
                            l.topic(),
                            l.partition(),
                            l.offset(),
                            l.payload(),
                            l.failedAt()));
        }

        @Override
        public TypeInformation<Decoded<T>> getProducedType() {
            return inner.getProducedType();
        }
    }

    /** Encodes a record key the way the topic registry keys the topic. */
    static final class KeySchema<T> implements SerializationSchema<T> {
        private static final long serialVersionUID = 1L;
        private final Topic<T> topic;

        KeySchema(Topic<T> topic) {
            this.topic = topic;
        }

        @Override
        public byte[] serialize(T element) {
            return topic.keyOf(element).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Encodes a record value with the topic's serde. */
    static final class ValueSchema<T> implements SerializationSchema<T> {
        private static final long serialVersionUID = 1L;
        private final Topic<T> topic;

        ValueSchema(Topic<T> topic) {
            this.topic = topic;
        }

        @Override
        public byte[] serialize(T element) {
            return topic.serde().serialize(element);
        }
    }
}
