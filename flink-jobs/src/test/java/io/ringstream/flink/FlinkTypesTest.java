package io.ringstream.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.DeadLetter;
import io.ringstream.flink.kit.kafka.Decoded;
import io.ringstream.flink.stats.ContactState;
import io.ringstream.flink.stats.IntervalStats;
import io.ringstream.flink.stats.QueueDelta;
import io.ringstream.flink.stats.QueueIntervalStats;
import io.ringstream.flink.stats.QueueVisit;
import io.ringstream.testkit.TestEvents;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Everything the job ships between operators or keeps in state must use Flink's POJO serializer: a
 * fallback to Kryo would be slow and break on the events' immutable maps.
 */
class FlinkTypesTest {

    static Stream<TypeInformation<?>> types() {
        return Stream.of(
                TypeInformation.of(ContactEvent.class),
                TypeInformation.of(AgentEvent.class),
                TypeInformation.of(DeadLetter.class),
                TypeInformation.of(QueueDelta.class),
                TypeInformation.of(QueueIntervalStats.class),
                TypeInformation.of(ContactState.class),
                TypeInformation.of(QueueVisit.class),
                TypeInformation.of(IntervalStats.class),
                Decoded.typeOf(ContactEvent.class));
    }

    @ParameterizedTest
    @MethodSource("types")
    void isAPojoWithoutGenericFields(TypeInformation<?> type) {
        SerializerConfigImpl noKryo = new SerializerConfigImpl();
        noKryo.setGenericTypes(false);

        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        // Throws UnsupportedOperationException if any field would need Kryo.
        assertThat(type.createSerializer(noKryo)).isNotNull();
    }

    @Test
    void contactStateSurvivesSerialization() throws Exception {
        ContactState state = new ContactState();
        io.ringstream.flink.stats.ContactTracker tracker =
                new io.ringstream.flink.stats.ContactTracker(
                        new io.ringstream.flink.stats.Intervals(15),
                        io.ringstream.flink.stats.ServiceLevelThresholds.uniform(20));
        tracker.apply(state, TestEvents.queued("t", "c", "sales", TestEvents.T0));
        tracker.apply(state, TestEvents.ended("t", "c", TestEvents.T0 + 1));

        ContactState copy = roundTrip(TypeInformation.of(ContactState.class), state);

        assertThat(copy).usingRecursiveComparison().isEqualTo(state);
    }

    @Test
    void decodedSurvivesSerialization() throws Exception {
        TypeInformation<Decoded<ContactEvent>> type = Decoded.typeOf(ContactEvent.class);
        Decoded<ContactEvent> valid = Decoded.valid(TestEvents.arrived("t", "c", TestEvents.T0));
        Decoded<ContactEvent> rejected =
                Decoded.rejected(DeadLetter.fromKafka("r", "c", "topic", 1, 2, "p", 3));

        assertThat(roundTrip(type, valid)).isEqualTo(valid);
        assertThat(roundTrip(type, rejected)).isEqualTo(rejected);
    }

    private static <T> T roundTrip(TypeInformation<T> type, T value) throws Exception {
        TypeSerializer<T> serializer = type.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
