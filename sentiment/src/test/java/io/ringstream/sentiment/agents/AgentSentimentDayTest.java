package io.ringstream.sentiment.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The per-day agent accumulator against the panel's per-conversation definition. */
class AgentSentimentDayTest {

    @Test
    void countsEachConversationOnceWithItsLatestScore() {
        AgentSentimentDay day = AgentSentimentDay.inMemory();
        assertThat(day.apply("c1", 1, "a1", 0.2)).containsExactly("a1");
        assertThat(day.apply("c1", 2, "a1", null)).isEmpty(); // agent turn: score unchanged
        assertThat(day.apply("c1", 3, "a1", -0.4)).containsExactly("a1");
        assertThat(day.apply("c2", 1, "a1", 0.6)).containsExactly("a1");

        AgentScores a1 = day.agent("a1");
        assertThat(a1.conversations()).isEqualTo(2);
        assertThat(a1.customerSum()).isEqualTo(-0.4 + 0.6);
        assertThat(a1.customerMean()).isEqualTo((-0.4 + 0.6) / 2);
    }

    @Test
    void redeliveredAndOlderTurnsChangeNothing() {
        AgentSentimentDay day = AgentSentimentDay.inMemory();
        day.apply("c1", 1, "a1", 0.2);
        day.apply("c1", 3, "a1", -0.4);
        assertThat(day.apply("c1", 3, "a1", -0.4)).isEmpty();
        assertThat(day.apply("c1", 2, "a2", 0.9)).isEmpty();
        assertThat(day.agent("a1").customerSum()).isEqualTo(-0.4);
        assertThat(day.agent("a2").conversations()).isZero();
    }

    @Test
    void aConversationMovesToItsLatestAgent() {
        AgentSentimentDay day = AgentSentimentDay.inMemory();
        day.apply("c1", 1, "a1", 0.2);
        assertThat(day.apply("c1", 2, "a2", null)).containsExactly("a1", "a2");
        assertThat(day.agent("a1").conversations()).isZero();
        assertThat(day.agent("a2").customerSum()).isEqualTo(0.2);
        assertThat(((AgentSentimentDay.MemoryStore) day.store()).agents()).containsOnlyKeys("a2");
    }

    @Test
    void noAgentOrNoScoreDoesNotCount() {
        AgentSentimentDay day = AgentSentimentDay.inMemory();
        assertThat(day.apply("c1", 1, "", 0.2)).isEmpty();
        assertThat(day.apply("c2", 1, "a1", null)).isEmpty();
        assertThat(day.apply("c2", 2, null, 0.3)).isEmpty(); // latest turn has no agent
        assertThat(day.apply("c1", 2, "a1", null)).containsExactly("a1");
        assertThat(day.agent("a1").customerSum()).isEqualTo(0.2);
    }

    @Test
    void anyArrivalOrderGivesTheSameRows() {
        Random random = new Random(7);
        List<Object[]> turns = new ArrayList<>();
        for (int c = 0; c < 200; c++) {
            for (int t = 1; t <= 5; t++) {
                turns.add(
                        new Object[] {
                            "c" + c,
                            t,
                            "a" + random.nextInt(6),
                            random.nextInt(3) == 0 ? null : random.nextDouble() * 2 - 1
                        });
            }
        }
        AgentSentimentDay inOrder = replay(turns);
        for (int i = 0; i < 5; i++) {
            List<Object[]> shuffled = new ArrayList<>(turns);
            Collections.shuffle(shuffled, random);
            shuffled.addAll(shuffled.subList(0, 100)); // redeliveries
            AgentSentimentDay other = replay(shuffled);
            for (int a = 0; a < 6; a++) {
                assertThat(other.agent("a" + a).conversations())
                        .isEqualTo(inOrder.agent("a" + a).conversations());
                assertThat(other.agent("a" + a).customerSum())
                        .isEqualTo(inOrder.agent("a" + a).customerSum());
            }
        }
    }

    private static AgentSentimentDay replay(List<Object[]> turns) {
        AgentSentimentDay day = AgentSentimentDay.inMemory();
        for (Object[] t : turns) {
            day.apply((String) t[0], (Integer) t[1], (String) t[2], (Double) t[3]);
        }
        return day;
    }
}
