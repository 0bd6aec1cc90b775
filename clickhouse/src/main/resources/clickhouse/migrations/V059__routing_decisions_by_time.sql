-- The Routing dashboard (issue 13): routing_decisions is sorted by (tenant, contact_id,
-- decision_id), so a time range is not an index range and every panel read the tenant's whole
-- month partition under FINAL ("Why candidates were passed over": 73 / 87 ms p50 / p95 on today of
-- a 1,000-agent center). routing_decisions_by_time holds the columns the Routing panels read,
-- sorted by (tenant, decision_date, contact_id, decision_id): a range of days is one index range.
-- In place of the candidates JSON it holds why_not, the whyNot texts the view extracts from it
-- (the one thing a panel reads there): a function of the row, so FINAL keeps the same one, and a
-- few bytes where the JSON is hundreds (reading that JSON was most of the panel's time).
-- Same engine (ReplacingMergeTree, no version: the last insert wins) and the source's key after
-- the day, so a decision the job writes again collapses here under FINAL as it does there.
-- decision_time is left out of the key on purpose, as in the source: a decision replayed after a
-- restore may carry a slightly different time and must still collapse. The one difference: a
-- replay on another UTC day than the first delivery (across midnight) is kept twice here, once
-- per day, where the source collapses it if both days fall in one month. Partitioned by month of
-- decision_date like the source, so retention drops the same months.
CREATE TABLE IF NOT EXISTS ringstream.routing_decisions_by_time
(
    decision_id      String,
    tenant           String,
    decision_date    Date,
    decision_time    DateTime,
    decision_time_ms UInt64,
    contact_id       String,
    queue            String,
    chosen_agent_id  String,
    step             UInt16,
    candidate_count  UInt32,
    eligible_count   UInt32,
    why_not          Array(String)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(decision_date)
ORDER BY (tenant, decision_date, contact_id, decision_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS ringstream.routing_decisions_by_time_feed
TO ringstream.routing_decisions_by_time
AS SELECT decision_id, tenant, decision_date, decision_time, decision_time_ms, contact_id, queue,
    chosen_agent_id, step, candidate_count, eligible_count,
    extractAll(candidates, '"whyNot":"([^"]*)"') AS why_not
FROM ringstream.routing_decisions;

-- Backfill the decisions routing_decisions held before the view existed. The view comes first, so
-- a decision inserted meanwhile is copied at least once (maybe twice: FINAL collapses it). Running
-- it again only adds duplicates, absorbed the same way. On a large table, backfill month by month
-- (the same statement with WHERE decision_date BETWEEN ...).
INSERT INTO ringstream.routing_decisions_by_time
SELECT decision_id, tenant, decision_date, decision_time, decision_time_ms, contact_id, queue,
    chosen_agent_id, step, candidate_count, eligible_count,
    extractAll(candidates, '"whyNot":"([^"]*)"') AS why_not
FROM ringstream.routing_decisions;
