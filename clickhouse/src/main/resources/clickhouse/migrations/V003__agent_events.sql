-- Agent state changes; the latest state per agent is argMax(type, event_time_ms).
-- skills and attributes are JSON objects as text.
CREATE TABLE IF NOT EXISTS ringstream.agent_events
(
    event_id      String,
    tenant        String,
    agent_id      String,
    type          String,
    event_date    Date,
    event_time    DateTime,
    event_time_ms UInt64,
    source        String,
    queue         String,
    reason        String,
    skills        String,
    attributes    String
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(event_date)
ORDER BY (tenant, agent_id, event_time, event_id);
