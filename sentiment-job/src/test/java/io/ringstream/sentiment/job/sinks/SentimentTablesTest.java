package io.ringstream.sentiment.job.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.sentiment.job.ConversationPoint;
import io.ringstream.sentiment.job.Utterances;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rows have one value per column, with NULL only where columns allow it. */
class SentimentTablesTest {

    @Test
    void anUnscoredUtteranceBecomesARowWithNullScoreAndItsReason() {
        Map<String, Object> row =
                SentimentTables.UTTERANCE_SENTIMENT.namedRow(
                        Utterances.scored("acme", "c1", "CUSTOMER", Utterances.T0 + 1_500, null));

        assertThat(row.keySet())
                .containsExactlyElementsOf(SentimentTables.UTTERANCE_SENTIMENT.columns());
        assertThat(row)
                .containsEntry("score", null)
                .containsEntry("scored", 0)
                .containsEntry("language", "")
                .containsEntry("unscored_reason", "language not determined")
                .containsEntry("event_date", "2024-03-01")
                .containsEntry("event_time", String.valueOf(Utterances.T0 / 1000 + 1));
    }

    @Test
    void timelineRowsMatchTheirColumns() {
        ConversationPoint p =
                new ConversationPoint(
                        "acme",
                        "c1",
                        3,
                        "e3",
                        "CUSTOMER",
                        Utterances.T0,
                        2,
                        -0.5,
                        -0.1,
                        -0.2,
                        null,
                        -0.3,
                        true,
                        "en",
                        null,
                        null,
                        Utterances.T0 + 10);

        Map<String, Object> row = SentimentTables.CONVERSATION_SENTIMENT.namedRow(p);

        assertThat(row)
                .containsEntry("alerting", 1)
                .containsEntry("agent_rolling", null)
                .containsEntry("queue", "");
    }
}
