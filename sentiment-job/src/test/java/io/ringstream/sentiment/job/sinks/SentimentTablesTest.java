package io.ringstream.sentiment.job.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.sentiment.job.ConversationPoint;
import io.ringstream.sentiment.job.Utterances;
import org.junit.jupiter.api.Test;

/** Rows have one value per column, in the column order, with NULL only where columns allow it. */
class SentimentTablesTest {

    @Test
    void anUnscoredUtteranceBecomesARowWithNullScoreAndItsReason() {
        Object[] row =
                SentimentTables.utteranceRow(
                        Utterances.scored("acme", "c1", "CUSTOMER", Utterances.T0 + 1_500, null));
        assertThat(row).hasSameSizeAs(SentimentTables.UTTERANCE_COLUMNS.toArray());
        int score = SentimentTables.UTTERANCE_COLUMNS.indexOf("score");
        assertThat(row[score]).isNull();
        assertThat(row[SentimentTables.UTTERANCE_COLUMNS.indexOf("scored")]).isEqualTo(0);
        assertThat(row[SentimentTables.UTTERANCE_COLUMNS.indexOf("language")]).isEqualTo("");
        assertThat(row[SentimentTables.UTTERANCE_COLUMNS.indexOf("unscored_reason")])
                .isEqualTo("language not determined");
        assertThat(row[SentimentTables.UTTERANCE_COLUMNS.indexOf("event_date")])
                .isEqualTo("2024-03-01");
        assertThat(row[SentimentTables.UTTERANCE_COLUMNS.indexOf("event_time")])
                .isEqualTo(Utterances.T0 / 1000 + 1);
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
        Object[] row = SentimentTables.conversationRow(p);
        assertThat(row).hasSameSizeAs(SentimentTables.CONVERSATION_COLUMNS.toArray());
        assertThat(row[SentimentTables.CONVERSATION_COLUMNS.indexOf("alerting")]).isEqualTo(1);
        assertThat(row[SentimentTables.CONVERSATION_COLUMNS.indexOf("agent_rolling")]).isNull();
        assertThat(row[SentimentTables.CONVERSATION_COLUMNS.indexOf("queue")]).isEqualTo("");
    }
}
