package io.ringstream.sentiment.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.sentiment.rolling.AlertPolicy;
import io.ringstream.sentiment.rolling.ConversationState;
import io.ringstream.sentiment.rolling.RollingSentiment;
import io.ringstream.sentiment.rolling.Turn;
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
 * What the job ships between operators or keeps in state must use Flink's POJO serializer: Kryo
 * would be slow and fragile across versions of the state.
 */
class FlinkTypesTest {

    static Stream<TypeInformation<?>> types() {
        return Stream.of(
                TypeInformation.of(ScoredUtterance.class),
                TypeInformation.of(ConversationPoint.class),
                TypeInformation.of(SentimentAlert.class),
                TypeInformation.of(ConversationState.class));
    }

    @ParameterizedTest
    @MethodSource("types")
    void isAPojoWithoutGenericFields(TypeInformation<?> type) {
        SerializerConfigImpl noKryo = new SerializerConfigImpl();
        noKryo.setGenericTypes(false);
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        assertThat(type.createSerializer(noKryo)).isNotNull();
    }

    @Test
    void conversationStateSurvivesSerialization() throws Exception {
        ConversationState state = new ConversationState();
        RollingSentiment rolling = new RollingSentiment(AlertPolicy.DEFAULT);
        rolling.apply(state, new Turn("a", "CUSTOMER", 1, -0.9));
        rolling.apply(state, new Turn("b", "AGENT", 2, 0.4));
        state.queue = "billing";
        state.endedAt = 5L;

        TypeSerializer<ConversationState> serializer =
                TypeInformation.of(ConversationState.class)
                        .createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(state, out);
        ConversationState copy =
                serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(copy).usingRecursiveComparison().isEqualTo(state);
    }
}
