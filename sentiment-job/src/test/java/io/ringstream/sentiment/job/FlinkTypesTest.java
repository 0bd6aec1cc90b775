package io.ringstream.sentiment.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.sentiment.agents.AgentScores;
import io.ringstream.sentiment.agents.ConversationFinal;
import io.ringstream.sentiment.rolling.AlertPolicy;
import io.ringstream.sentiment.rolling.ConversationState;
import io.ringstream.sentiment.rolling.RollingSentiment;
import io.ringstream.sentiment.rolling.Turn;
import io.ringstream.testkit.FlinkTypes;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
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
                TypeInformation.of(ConversationState.class),
                TypeInformation.of(AgentSentimentRow.class),
                TypeInformation.of(ConversationFinal.class),
                TypeInformation.of(AgentScores.class));
    }

    @ParameterizedTest
    @MethodSource("types")
    void isAPojoWithoutGenericFields(TypeInformation<?> type) {
        FlinkTypes.assertPojoWithoutKryo(type);
    }

    @Test
    void conversationStateSurvivesSerialization() throws Exception {
        ConversationState state = new ConversationState();
        RollingSentiment rolling = new RollingSentiment(AlertPolicy.DEFAULT);
        rolling.apply(state, new Turn("a", "CUSTOMER", 1, -0.9));
        rolling.apply(state, new Turn("b", "AGENT", 2, 0.4));
        state.queue = "billing";
        state.endedAt = 5L;

        ConversationState copy =
                FlinkTypes.roundTrip(TypeInformation.of(ConversationState.class), state);
        assertThat(copy).usingRecursiveComparison().isEqualTo(state);
    }
}
