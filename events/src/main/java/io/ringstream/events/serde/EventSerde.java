package io.ringstream.events.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ringstream.events.RingstreamEvent;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * JSON encoding of one event type. Decoding validates, so every consumer rejects the same inputs
 * with the same reasons. Serializable so Flink can ship it inside operators.
 */
public final class EventSerde<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    // Unknown fields are ignored so that a newer producer's additive fields do not break older
    // consumers; a breaking change bumps schemaVersion instead.
    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                    .build();

    private final Class<T> type;

    private EventSerde(Class<T> type) {
        this.type = type;
    }

    public static <T> EventSerde<T> of(Class<T> type) {
        return new EventSerde<>(type);
    }

    public Class<T> type() {
        return type;
    }

    public byte[] serialize(T value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + type.getSimpleName(), e);
        }
    }

    public String toJson(T value) {
        return new String(serialize(value), StandardCharsets.UTF_8);
    }

    /**
     * Decodes and validates.
     *
     * @throws InvalidEventException with a reason fit for a dead letter
     */
    public T deserialize(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidEventException("empty payload");
        }
        T value;
        try {
            value = MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new InvalidEventException(
                    "malformed " + type.getSimpleName() + ": " + firstLine(e.getMessage()), e);
        }
        if (value instanceof RingstreamEvent event) {
            List<String> violations = event.violations();
            if (!violations.isEmpty()) {
                throw new InvalidEventException(
                        "invalid " + type.getSimpleName() + ": " + String.join("; ", violations));
            }
        }
        return value;
    }

    public T fromJson(String json) {
        return deserialize(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable JSON";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
