package io.ringstream.events.topics;

import io.ringstream.events.serde.EventSerde;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * A Kafka topic as Ringstream uses it: name, sizing, how records are keyed and encoded.
 *
 * @param key extracts the record key; events that must stay in order share a key
 */
public record Topic<T>(
        String name,
        int partitions,
        Duration retention,
        EventSerde<T> serde,
        SerializableKey<T> key)
        implements Serializable {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(serde, "serde");
        Objects.requireNonNull(key, "key");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1");
        }
    }

    public String keyOf(T value) {
        return key.apply(value);
    }

    /** A key extractor that Flink can serialize into a job graph. */
    @FunctionalInterface
    public interface SerializableKey<T> extends Function<T, String>, Serializable {}
}
