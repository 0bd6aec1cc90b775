-- Per tenant, UTC day and agent: the conversations whose latest turn of the day was the agent's and
-- had a customer rolling score, and the sum of those conversations' latest customer rolling scores
-- (issue 13: Conversion's "customer sentiment" per agent without reading every conversation). The
-- sentiment job keeps each day's conversations in keyed state and writes an agent's complete row
-- whenever it changes (at most every few seconds, and once more when the day closes), so a view,
-- which cannot move a conversation from one agent to another, is not needed. version is the
-- job's as_of_ms: a redelivered or replayed row replaces itself, a later one wins; read with FINAL.
-- A conversation with turns on two days counts on each (docs/dashboards.md). day is the turns'
-- event_date as conversation_sentiment stores it. Partitioned by month of day, so retention drops
-- the same months as conversation_sentiment.
CREATE TABLE IF NOT EXISTS ringstream.agent_sentiment_days
(
    tenant        String,
    day           Date,
    agent_id      String,
    conversations UInt64,
    customer_sum  Float64,
    customer_mean Nullable(Float64),
    as_of_ms      UInt64,
    version       UInt64,
    updated_at    DateTime
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (tenant, day, agent_id);
