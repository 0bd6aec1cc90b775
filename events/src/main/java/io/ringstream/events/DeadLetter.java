package io.ringstream.events;

import java.nio.charset.StandardCharsets;

/**
 * An input we could not accept, kept with the reason and where it came from so nothing is lost
 * silently and it can be replayed after a fix.
 *
 * @param component who rejected it, e.g. {@code telephony-bridge}, {@code flink:queue-stats}
 * @param origin where the input came from
 * @param topic source topic, for Kafka origins
 * @param partition source partition, for Kafka origins
 * @param offset source offset, for Kafka origins
 * @param payload the raw input as text (JSON, or the AMI frame as {@code Key: Value} lines)
 */
public record DeadLetter(
        String reason,
        String component,
        Origin origin,
        String topic,
        Integer partition,
        Long offset,
        String payload,
        long failedAt) {

    /** Where a dead letter came from. */
    public enum Origin {
        KAFKA,
        AMI,
        HTTP,
        WEBSOCKET
    }

    public static DeadLetter fromKafka(
            String reason,
            String component,
            String topic,
            int partition,
            long offset,
            String payload,
            long failedAt) {
        return new DeadLetter(
                reason, component, Origin.KAFKA, topic, partition, offset, payload, failedAt);
    }

    /** A record read from Kafka, its value kept as UTF-8 text (empty for a tombstone). */
    public static DeadLetter fromKafka(
            String reason,
            String component,
            String topic,
            int partition,
            long offset,
            byte[] value,
            long failedAt) {
        return fromKafka(
                reason,
                component,
                topic,
                partition,
                offset,
                value == null ? "" : new String(value, StandardCharsets.UTF_8),
                failedAt);
    }

    public static DeadLetter fromFrame(
            String reason, String component, Origin origin, String payload, long failedAt) {
        return new DeadLetter(reason, component, origin, null, null, null, payload, failedAt);
    }
}
