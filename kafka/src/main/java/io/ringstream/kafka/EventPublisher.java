package io.ringstream.kafka;

import io.ringstream.events.DeadLetter;
import io.ringstream.events.topics.Topic;
import io.ringstream.events.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one way services put events on Kafka: keyed and encoded by the topic registry, so every
 * producer agrees on partitioning and format. Publishing is asynchronous; callers get a future.
 */
public final class EventPublisher implements AutoCloseable {
    /** How long {@code publish} may block the caller when the broker is unreachable or slow. */
    public static final int DEFAULT_MAX_BLOCK_MS = 5_000;

    private final Producer<String, byte[]> producer;

    EventPublisher(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** An idempotent, acks=all producer that lingers a few ms to batch. */
    public static EventPublisher create(String bootstrapServers) {
        return create(bootstrapServers, Map.of());
    }

    /**
     * @param overrides extra or replacing producer settings (e.g. {@code client.id})
     */
    public static EventPublisher create(String bootstrapServers, Map<String, Object> overrides) {
        return new EventPublisher(new KafkaProducer<>(config(bootstrapServers, overrides)));
    }

    static Map<String, Object> config(String bootstrapServers, Map<String, Object> overrides) {
        Map<String, Object> conf = new HashMap<>();
        conf.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        conf.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        conf.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        conf.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        conf.put(ProducerConfig.ACKS_CONFIG, "all");
        conf.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // send() blocks for metadata or buffer space; cap it so a telephony thread never stalls.
        conf.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, DEFAULT_MAX_BLOCK_MS);
        conf.putAll(overrides);
        return conf;
    }

    /**
     * Sends {@code value} keyed by {@code topic.keyOf(value)}. Encoding and send failures complete
     * the future exceptionally; nothing is thrown to the caller.
     */
    public <T> CompletableFuture<RecordMetadata> publish(Topic<T> topic, T value) {
        String key;
        byte[] bytes;
        try {
            key = topic.keyOf(value);
            bytes = topic.serde().serialize(value);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return publishRaw(topic.name(), key, bytes);
    }

    /** Publishes a rejected input to {@link Topics#DEAD_LETTERS}. */
    public CompletableFuture<RecordMetadata> publishDeadLetter(DeadLetter deadLetter) {
        return publish(Topics.DEAD_LETTERS, deadLetter);
    }

    /** Sends bytes as they are; for tools and for tests that need malformed input on a topic. */
    public CompletableFuture<RecordMetadata> publishRaw(String topic, String key, byte[] value) {
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        try {
            producer.send(
                    new ProducerRecord<>(topic, key, value),
                    (metadata, error) -> {
                        if (error != null) {
                            result.completeExceptionally(error);
                        } else {
                            result.complete(metadata);
                        }
                    });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** Blocks until every record sent so far is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    /** Flushes pending records, then releases the producer. */
    @Override
    public void close() {
        producer.close();
    }

    /**
     * Waits at most {@code timeout} for pending records, then fails those still unsent and releases
     * the producer: for callers that keep what they sent until it is acknowledged (the outbox
     * relay), so a broker that is down cannot hold up their shutdown.
     */
    public void close(Duration timeout) {
        producer.close(timeout);
    }
}
