-- The sentiment timeline of each conversation: one row per utterance with the rolling
-- (exponentially weighted) scores after it, overall and per speaker, the customer's trend and
-- whether an alert episode is open. Rows are deterministic per (contact, turn, utterance), so a
-- replay after a restore rewrites the same keys; read with FINAL for exact counts.
CREATE TABLE IF NOT EXISTS ringstream.conversation_sentiment
(
    tenant               String,
    contact_id           String,
    turn                 UInt32,
    event_id             String,
    speaker              String,
    event_date           Date,
    event_time           DateTime,
    event_time_ms        UInt64,
    customer_turn        UInt32,
    score                Nullable(Float64),
    conversation_rolling Nullable(Float64),
    customer_rolling     Nullable(Float64),
    agent_rolling        Nullable(Float64),
    customer_trend       Float64,
    alerting             UInt8,
    language             String,
    queue                String,
    agent_id             String,
    updated_at_ms        UInt64
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(event_date)
ORDER BY (tenant, contact_id, turn, event_id);
