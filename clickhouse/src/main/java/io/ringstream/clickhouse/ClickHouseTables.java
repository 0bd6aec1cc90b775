package io.ringstream.clickhouse;

import java.util.List;

/** One place for the analytics database and table names, so writers and readers cannot drift. */
public final class ClickHouseTables {
    public static final String DATABASE = "ringstream";

    public static final String CONTACT_EVENTS = DATABASE + ".contact_events";
    public static final String AGENT_EVENTS = DATABASE + ".agent_events";
    public static final String QUEUE_INTERVAL_STATS = DATABASE + ".queue_interval_stats";
    public static final String DEAD_LETTERS = DATABASE + ".dead_letters";

    public static final String ROUTING_DECISIONS = DATABASE + ".routing_decisions";
    public static final String UTTERANCE_SENTIMENT = DATABASE + ".utterance_sentiment";
    public static final String CONVERSATION_SENTIMENT = DATABASE + ".conversation_sentiment";
    public static final String SENTIMENT_ALERTS = DATABASE + ".sentiment_alerts";
    public static final String SLA_EVENTS = DATABASE + ".sla_events";

    /** Bookkeeping of the migrator; never truncated. */
    public static final String SCHEMA_MIGRATIONS = DATABASE + ".schema_migrations";

    /** The tables that hold data (everything but the migrator's bookkeeping). */
    public static final List<String> DATA_TABLES =
            List.of(CONTACT_EVENTS, AGENT_EVENTS, QUEUE_INTERVAL_STATS, DEAD_LETTERS);

    private ClickHouseTables() {}
}
