package io.ringstream.sentiment.job.sinks;

import io.ringstream.testkit.ClickHouseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each sentiment table's spec writes exactly the migrated table's columns, in their order. */
class SentimentTableSpecsITCase {
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @Test
    void specsMatchTheMigratedTables() {
        CLICKHOUSE.assertMatchesSchema(
                SentimentTables.UTTERANCE_SENTIMENT,
                SentimentTables.CONVERSATION_SENTIMENT,
                SentimentTables.SENTIMENT_ALERTS,
                SentimentTables.AGENT_SENTIMENT_DAYS);
    }
}
