package io.ringstream.flink.kit.kafka;

import io.ringstream.events.DeadLetter;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The outcome of decoding one Kafka record: the event, or the dead letter explaining why there is
 * none. Lets a deserializer that must never throw hand both kinds downstream in one stream.
 */
public record Decoded<T>(T event, DeadLetter deadLetter) {

    public Decoded {
        if ((event == null) == (deadLetter == null)) {
            throw new IllegalArgumentException("exactly one of event and deadLetter is required");
        }
    }

    public static <T> Decoded<T> valid(T event) {
        return new Decoded<>(event, null);
    }

    public static <T> Decoded<T> rejected(DeadLetter deadLetter) {
        return new Decoded<>(null, deadLetter);
    }

    public boolean isValid() {
        return event != null;
    }

    /** Flink's POJO type of {@code Decoded<T>}: erasure hides T, so it is spelled out here. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T> TypeInformation<Decoded<T>> typeOf(Class<T> eventType) {
        return (TypeInformation)
                Types.POJO(
                        Decoded.class,
                        Map.of(
                                "event", TypeInformation.of(eventType),
                                "deadLetter", TypeInformation.of(DeadLetter.class)));
    }
}
