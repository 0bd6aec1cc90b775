package io.ringstream.flink.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.DeadLetter;
import io.ringstream.testkit.FlinkTypes;
import io.ringstream.testkit.TestEvents;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Decoded inputs and the raw events every job reads travel as Flink POJOs, without Kryo. */
class DecodedTypesTest {

    static Stream<TypeInformation<?>> types() {
        return Stream.of(
                TypeInformation.of(ContactEvent.class),
                TypeInformation.of(AgentEvent.class),
                TypeInformation.of(DeadLetter.class),
                Decoded.typeOf(ContactEvent.class),
                Decoded.typeOf(DeadLetter.class));
    }

    @ParameterizedTest
    @MethodSource("types")
    void isAPojoWithoutGenericFields(TypeInformation<?> type) {
        FlinkTypes.assertPojoWithoutKryo(type);
    }

    @Test
    void decodedSurvivesSerialization() throws Exception {
        TypeInformation<Decoded<ContactEvent>> type = Decoded.typeOf(ContactEvent.class);
        Decoded<ContactEvent> valid = Decoded.valid(TestEvents.arrived("t", "c", TestEvents.T0));
        Decoded<ContactEvent> rejected =
                Decoded.rejected(DeadLetter.fromKafka("r", "c", "topic", 1, 2, "p", 3));

        assertThat(FlinkTypes.roundTrip(type, valid)).isEqualTo(valid);
        assertThat(FlinkTypes.roundTrip(type, rejected)).isEqualTo(rejected);
    }
}
