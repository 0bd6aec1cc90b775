package io.ringstream.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The one consumer configuration of Ringstream's readers that have no consumer group ({@link
 * TopicReader}, {@link TopicFeed}), so they see records the same way: raw bytes, committed records
 * only (read_committed, as transactional producers intend), no offsets committed, and looking at a
 * topic never creates it.
 */
final class GrouplessConsumer {
    private GrouplessConsumer() {}

    /** A new consumer; {@code overrides} adds to or replaces the shared settings. */
    static KafkaConsumer<String, byte[]> open(
            String bootstrapServers, Map<String, Object> overrides) {
        Map<String, Object> conf = new HashMap<>();
        conf.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        conf.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        conf.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        conf.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        conf.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        conf.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        conf.putAll(overrides);
        return new KafkaConsumer<>(conf);
    }
}
