-- Every change to every customer, as published on the customer-changes topic (the archive job):
-- the record as it was after each change. The outbox relay and the sink deliver at least once, so
-- a repeat of a change (same event_id, same sort key) collapses: read with FINAL for exact counts.
-- On an ERASED change the archive job deletes the customer's older rows with a mutation, so only
-- the anonymised ERASED row remains (docs/customers.md). Kept 400 days (monthly partitions dropped
-- by ClickHouseRetention; 18.16 takes no TTL).
CREATE TABLE IF NOT EXISTS ringstream.customer_changes
(
    event_id           String,
    tenant             String,
    customer_id        String,
    version            UInt64,
    change_type        String,
    change_date        Date,
    change_time        DateTime,
    change_time_ms     UInt64,
    source             String,
    actor              String,
    display_name       String,
    preferred_language String,
    tier               String,
    owner_agent        String,
    consent_phone      String,
    consent_whatsapp   String,
    consent_email      String,
    consent_marketing  String,
    tags               Array(String),
    attributes         String,
    identities         Array(String),
    merged_into        String,
    created_at_ms      UInt64
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(change_date)
ORDER BY (tenant, customer_id, version, event_id);
