-- Negative-sentiment alerts, one row per alert episode of a conversation (the same alerts go to
-- the supervisor-alerts topic as SupervisorAlert NEGATIVE_SENTIMENT). alert_id is stable per
-- (tenant, contact, episode), so an alert re-emitted after a restore collapses under FINAL.
CREATE TABLE IF NOT EXISTS ringstream.sentiment_alerts
(
    alert_id           String,
    tenant             String,
    contact_id         String,
    episode            UInt32,
    trigger            String,
    severity           String,
    event_date         Date,
    event_time         DateTime,
    event_time_ms      UInt64,
    turn               UInt32,
    customer_turn      UInt32,
    customer_rolling   Float64,
    drop_amount        Float64,
    threshold          Float64,
    trend              Float64,
    utterance_event_id String,
    text               String,
    language           String,
    model              String,
    queue              String,
    agent_id           String,
    message            String,
    raised_at_ms       UInt64
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(event_date)
ORDER BY (tenant, contact_id, episode, alert_id);
