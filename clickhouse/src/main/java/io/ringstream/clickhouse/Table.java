package io.ringstream.clickhouse;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one registry of Ringstream's ClickHouse tables and views: their names, how rows written twice
 * are collapsed, and how long rows are kept. Writers (table specs, sinks), readers
 * (routing-service, the launcher, dashboards' tests), retention and the test extensions all take
 * names from here, so a table is renamed or added in one place. The columns live in each table's
 * {@link TableSpec} and its migration.
 */
public enum Table {
    CONTACT_EVENTS("contact_events", Kind.REPLACING, Keep.EVENTS),
    AGENT_EVENTS("agent_events", Kind.REPLACING, Keep.EVENTS),
    /**
     * Kept for analysts' saved queries; filled from {@link #QUEUE_KPIS} by {@link
     * #QUEUE_INTERVAL_STATS_FEED}.
     */
    QUEUE_INTERVAL_STATS("queue_interval_stats", Kind.REPLACING, Keep.FOREVER),
    /** Copies every interval row of {@link #QUEUE_KPIS} into {@link #QUEUE_INTERVAL_STATS}. */
    QUEUE_INTERVAL_STATS_FEED("queue_interval_stats_feed", Kind.MATERIALIZED_VIEW, Keep.FOREVER),
    DEAD_LETTERS("dead_letters", Kind.APPENDING, Keep.EVENTS),
    ROUTING_DECISIONS("routing_decisions", Kind.REPLACING, Keep.EVENTS),
    /**
     * The columns of {@link #ROUTING_DECISIONS} the Routing dashboard reads (the candidates' whyNot
     * texts in place of their JSON), sorted by (tenant, day, contact, decision): a range of days of
     * decisions is one index range. Read with FINAL. Filled by {@link
     * #ROUTING_DECISIONS_BY_TIME_FEED}.
     */
    ROUTING_DECISIONS_BY_TIME("routing_decisions_by_time", Kind.REPLACING, Keep.EVENTS),
    /**
     * Copies every decision inserted into {@link #ROUTING_DECISIONS} into {@link
     * #ROUTING_DECISIONS_BY_TIME}.
     */
    ROUTING_DECISIONS_BY_TIME_FEED(
            "routing_decisions_by_time_feed", Kind.MATERIALIZED_VIEW, Keep.FOREVER),
    UTTERANCE_SENTIMENT("utterance_sentiment", Kind.REPLACING, Keep.EVENTS),
    CONVERSATION_SENTIMENT("conversation_sentiment", Kind.REPLACING, Keep.EVENTS),
    SENTIMENT_ALERTS("sentiment_alerts", Kind.REPLACING, Keep.EVENTS),
    SLA_EVENTS("sla_events", Kind.REPLACING, Keep.EVENTS),
    /**
     * The BREACH rows of {@link #SLA_EVENTS}, the columns Grafana's "SLA breaches" annotation
     * reads, sorted by (tenant, time): a time range of breaches is one index range. Read with
     * FINAL. Filled by {@link #SLA_BREACHES_FEED}.
     */
    SLA_BREACHES("sla_breaches", Kind.REPLACING, Keep.EVENTS),
    /** Copies every BREACH inserted into {@link #SLA_EVENTS} into {@link #SLA_BREACHES}. */
    SLA_BREACHES_FEED("sla_breaches_feed", Kind.MATERIALIZED_VIEW, Keep.FOREVER),
    /**
     * Per tenant, day and conversation of {@link #CONVERSATION_SENTIMENT}: the latest turn's queue,
     * agent, customer rolling score, trend and alerting (argMax by turn), the highest turn and the
     * latest utterance time, as aggregate states that a redelivered row does not change. Read with
     * the -Merge combinators, GROUP BY contact_id. Filled by {@link #CONVERSATION_LATEST_FEED}.
     */
    CONVERSATION_LATEST("conversation_latest", Kind.AGGREGATING, Keep.EVENTS),
    /**
     * Aggregates every row inserted into {@link #CONVERSATION_SENTIMENT} into {@link
     * #CONVERSATION_LATEST}.
     */
    CONVERSATION_LATEST_FEED("conversation_latest_feed", Kind.MATERIALIZED_VIEW, Keep.FOREVER),
    /**
     * Per tenant, UTC day and agent: conversations whose latest turn of the day was the agent's and
     * had a customer score, and the sum of their latest customer rolling scores. Written by the
     * sentiment job (complete rows, version = as_of_ms); read with FINAL.
     */
    AGENT_SENTIMENT_DAYS("agent_sentiment_days", Kind.REPLACING, Keep.EVENTS),
    /**
     * The QUEUED and ENDED events of {@link #CONTACT_EVENTS}, per (tenant, type, day, contact,
     * second) with the latest millisecond time ({@code maxState}), sorted so that a type's contacts
     * of a day are one index range. Filled by {@link #CONTACT_MILESTONES_FEED}.
     */
    CONTACT_MILESTONES("contact_milestones", Kind.AGGREGATING, Keep.EVENTS),
    /** Aggregates every QUEUED and ENDED contact event into {@link #CONTACT_MILESTONES}. */
    CONTACT_MILESTONES_FEED("contact_milestones_feed", Kind.MATERIALIZED_VIEW, Keep.FOREVER),
    /**
     * Per tenant, day and agent of {@link #AGENT_EVENTS}: the latest state event's type and reason
     * (argMax by time, skills changes left out) and its time, as aggregate states that a
     * redelivered row does not change. Read with the -Merge combinators, GROUP BY agent_id. Filled
     * by {@link #AGENT_LATEST_FEED}.
     */
    AGENT_LATEST("agent_latest", Kind.AGGREGATING, Keep.EVENTS),
    /**
     * Aggregates every state event inserted into {@link #AGENT_EVENTS} into {@link #AGENT_LATEST}.
     */
    AGENT_LATEST_FEED("agent_latest_feed", Kind.MATERIALIZED_VIEW, Keep.FOREVER),
    QUEUE_KPIS("queue_kpis", Kind.REPLACING, Keep.FOREVER),
    /**
     * Per-agent KPIs per interval and UTC day, written by the SLA job (version = as_of_ms); read
     * with FINAL. Kept like {@link #QUEUE_KPIS}: aggregates, about 100 rows per agent and day.
     */
    AGENT_KPIS("agent_kpis", Kind.REPLACING, Keep.FOREVER),
    CONTACT_KPI_FACTS("contact_kpi_facts", Kind.VIEW, Keep.FOREVER),
    AGENT_PRESENCE_SEGMENTS("agent_presence_segments", Kind.VIEW, Keep.FOREVER),
    /**
     * The customer of each contact whose customer is known (the latest non-empty {@code
     * customer_id} of its {@link #CONTACT_EVENTS}), to join contact-keyed tables to customers.
     */
    CONTACT_CUSTOMERS("contact_customers", Kind.VIEW, Keep.FOREVER),
    /** The latest version of each customer (ReplacingMergeTree by version); read with FINAL. */
    CUSTOMERS("customers", Kind.REPLACING, Keep.FOREVER),
    /** Every change to every customer, a snapshot after each; an erasure leaves only its own. */
    CUSTOMER_CHANGES("customer_changes", Kind.REPLACING, Keep.EVENTS),
    /**
     * {@link #CONTACT_EVENTS}' columns the customer timeline reads, sorted by (tenant, customer,
     * contact, time): a customer's events are one index range. Filled by {@link
     * #CONTACT_EVENTS_BY_CUSTOMER_FEED}.
     */
    CONTACT_EVENTS_BY_CUSTOMER("contact_events_by_customer", Kind.REPLACING, Keep.EVENTS),
    /** Copies every contact event into {@link #CONTACT_EVENTS_BY_CUSTOMER}. */
    CONTACT_EVENTS_BY_CUSTOMER_FEED(
            "contact_events_by_customer_feed", Kind.MATERIALIZED_VIEW, Keep.FOREVER),
    /**
     * Every customer each contact named, with the latest time, sorted by (tenant, contact): whose a
     * contact is now, as an index lookup. Filled by {@link #CUSTOMERS_OF_CONTACTS_FEED}.
     */
    CUSTOMERS_OF_CONTACTS("customers_of_contacts", Kind.REPLACING, Keep.EVENTS),
    /** Copies every contact event with a customer into {@link #CUSTOMERS_OF_CONTACTS}. */
    CUSTOMERS_OF_CONTACTS_FEED("customers_of_contacts_feed", Kind.MATERIALIZED_VIEW, Keep.FOREVER),
    /** Every business event as published (kept: bookings feed the customer-value models). */
    BUSINESS_EVENTS("business_events", Kind.REPLACING, Keep.FOREVER),
    /** Each customer's furthest step per funnel episode; read with FINAL, steps_reached > 0. */
    FUNNEL_PROGRESS("funnel_progress", Kind.REPLACING, Keep.EVENTS),
    /** Live funnel counts per entry day, step and credited cell; read with FINAL. */
    FUNNEL_STATS("funnel_stats", Kind.REPLACING, Keep.FOREVER),
    /**
     * {@link #FUNNEL_STATS} summed over the agents: per entry day, step, channel and campaign, with
     * reached-weighted time sums; written with the cells, read with FINAL (V061).
     */
    FUNNEL_CHANNEL_DAYS("funnel_channel_days", Kind.REPLACING, Keep.FOREVER),
    /**
     * {@link #FUNNEL_STATS} per entry day and credited agent: entered and reached per step (an
     * array); written with the cells, read with FINAL (V062).
     */
    FUNNEL_AGENT_DAYS("funnel_agent_days", Kind.REPLACING, Keep.FOREVER),
    /** RFM scores, segment and expected 12-month value per customer and day; read with FINAL. */
    CUSTOMER_VALUE("customer_value", Kind.REPLACING, Keep.FOREVER),
    /**
     * Per tenant and scoring day, the conversion job's summary of every customer's latest {@link
     * #CUSTOMER_VALUE} row: customers and value per segment, P(alive) bands, segment movement
     * (arrays, one row per day). Read with FINAL, the latest day up to the range's end.
     */
    CUSTOMER_VALUE_DAYS("customer_value_days", Kind.REPLACING, Keep.FOREVER),
    /** Every refit of a tenant's BG/NBD and Gamma-Gamma models. */
    CUSTOMER_VALUE_FITS("customer_value_fits", Kind.REPLACING, Keep.FOREVER),
    /** The migrator's bookkeeping; never truncated. */
    SCHEMA_MIGRATIONS("schema_migrations", Kind.REPLACING, Keep.FOREVER);

    /** The analytics database every table lives in. */
    public static final String DATABASE = "ringstream";

    /** Days raw events, dead letters and per-event job output are kept. */
    public static final int EVENT_RETENTION_DAYS = 400;

    /** How the table treats a row written again (sinks deliver at least once). */
    public enum Kind {
        /**
         * ReplacingMergeTree over a deterministic key: a row written again collapses with the first
         * one; read with {@code FINAL} for exact counts.
         */
        REPLACING,
        /** Plain MergeTree: a row written again after a restore is stored twice. */
        APPENDING,
        /**
         * AggregatingMergeTree filled by a materialized view, holding only aggregates a row written
         * twice does not change (argMax, max): read with the -Merge combinators, no {@code FINAL}.
         * Nothing writes to it but its view (and its migration's backfill).
         */
        AGGREGATING,
        /** A view over other tables: nothing is written to it. */
        VIEW,
        /** Copies what is inserted into one table into another: nothing is written to it. */
        MATERIALIZED_VIEW;

        /** Whether a writer may insert into it. */
        public boolean writable() {
            return this == REPLACING || this == APPENDING;
        }
    }

    private enum Keep {
        EVENTS,
        FOREVER
    }

    private final String name;
    private final Kind kind;
    private final Keep keep;

    Table(String name, Kind kind, Keep keep) {
        this.name = name;
        this.kind = kind;
        this.keep = keep;
    }

    /** The name inside {@link #DATABASE}, e.g. {@code contact_events}. */
    public String tableName() {
        return name;
    }

    /** {@code ringstream.<name>}, as SQL names it. */
    public String qualifiedName() {
        return DATABASE + "." + name;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * How long rows are kept, in days, when whole monthly partitions are dropped; empty for tables
     * that are kept (aggregates, under 1,600 rows per queue and day, read by year-over-year
     * reports).
     */
    public Optional<Integer> retentionDays() {
        return keep == Keep.EVENTS ? Optional.of(EVENT_RETENTION_DAYS) : Optional.empty();
    }

    /** The tables that hold rows (no views, no migrator bookkeeping). */
    public static List<Table> dataTables() {
        return Arrays.stream(values())
                .filter(t -> (t.kind.writable() || t.kind == Kind.AGGREGATING))
                .filter(t -> t != SCHEMA_MIGRATIONS)
                .toList();
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
