-- agent_latest: per tenant, day and agent, the agent's latest state event of the day (argMax of
-- type and reason by event_time_ms, skills changes left out) and its time (max), for the Queue
-- wallboard's "Agents by state" and "Agent states" (issue 13). Both show each agent's latest event
-- over the last 7 days; over agent_events they grouped 7 days of raw events (90 to 170 ms on 30
-- days of a 1,000-agent center), here they merge one row per agent and day. A redelivered event
-- has the same type, reason and time, so argMax and max do not change (the table is exact without
-- FINAL, like V057's). Partitioned like agent_events, so retention drops the same months.
CREATE TABLE IF NOT EXISTS ringstream.agent_latest
(
    tenant     String,
    event_date Date,
    agent_id   String,
    state      AggregateFunction(argMax, String, UInt64),
    reason     AggregateFunction(argMax, String, UInt64),
    since_ms   AggregateFunction(max, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(event_date)
ORDER BY (tenant, event_date, agent_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS ringstream.agent_latest_feed
TO ringstream.agent_latest
AS SELECT
    tenant,
    event_date,
    agent_id,
    argMaxState(type, event_time_ms) AS state,
    argMaxState(reason, event_time_ms) AS reason,
    maxState(event_time_ms) AS since_ms
FROM ringstream.agent_events
WHERE type != 'SKILLS_CHANGED'
GROUP BY tenant, event_date, agent_id;

-- Backfill what agent_events held before the view existed (the view first, so an event inserted
-- meanwhile is aggregated at least once; a second time changes nothing).
INSERT INTO ringstream.agent_latest
SELECT
    tenant,
    event_date,
    agent_id,
    argMaxState(type, event_time_ms),
    argMaxState(reason, event_time_ms),
    maxState(event_time_ms)
FROM ringstream.agent_events
WHERE type != 'SKILLS_CHANGED'
GROUP BY tenant, event_date, agent_id;
