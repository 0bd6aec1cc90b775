-- Every step of every contact, one row per event, as published on the contact-events topic.
-- Sinks deliver at least once: ReplacingMergeTree collapses re-deliveries of the same event_id
-- (same ORDER BY key) at merge time; read with FINAL when exact counts matter.
-- event_time is second precision (18.16 has no DateTime64); event_time_ms keeps the millis.
-- Retention (400 days) is enforced by dropping whole monthly partitions (ClickHouseRetention):
-- 18.16 does not accept a table TTL.
CREATE TABLE IF NOT EXISTS ringstream.contact_events
(
    event_id      String,
    tenant        String,
    contact_id    String,
    type          String,
    channel       String,
    event_date    Date,
    event_time    DateTime,
    event_time_ms UInt64,
    source        String,
    queue         String,
    agent_id      String,
    wait_ms       Nullable(Int64),
    duration_ms   Nullable(Int64),
    reason        String,
    attributes    String
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(event_date)
ORDER BY (tenant, queue, event_time, event_id);
