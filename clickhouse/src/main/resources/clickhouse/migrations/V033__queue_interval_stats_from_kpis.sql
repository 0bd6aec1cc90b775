-- One KPI engine: queue_interval_stats stops having a writer of its own and is filled from the
-- interval rows of queue_kpis, so the two can never show different figures for the same 15 minutes.
-- The table, its columns and ReplacingMergeTree(version) stay as V004 made them, so saved queries
-- (written with FINAL) keep working. Every interval row inserted into queue_kpis is copied here:
-- version is queue_kpis' version (as_of_ms), which beats every version the retired queue-stats
-- engine wrote (a count of deltas), and total_talk_ms is talk_ms. Counts follow queue_kpis'
-- convention (docs/kpis.md): an outcome counts in the interval in which it happened.
CREATE MATERIALIZED VIEW IF NOT EXISTS ringstream.queue_interval_stats_feed
TO ringstream.queue_interval_stats
AS SELECT
    tenant,
    queue,
    window_start AS interval_start,
    window_minutes AS interval_minutes,
    offered,
    answered,
    abandoned,
    answered_within_threshold,
    threshold_seconds,
    total_wait_ms,
    talk_ms AS total_talk_ms,
    version,
    updated_at
FROM ringstream.queue_kpis
WHERE window_kind = 'interval';

-- Backfill: the intervals queue_kpis already holds replace the retired engine's rows of the same
-- interval (their versions are larger), so history agrees with queue_kpis wherever both exist.
-- Running it again inserts the same versions, which FINAL collapses.
INSERT INTO ringstream.queue_interval_stats
SELECT
    tenant,
    queue,
    window_start AS interval_start,
    window_minutes AS interval_minutes,
    offered,
    answered,
    abandoned,
    answered_within_threshold,
    threshold_seconds,
    total_wait_ms,
    talk_ms AS total_talk_ms,
    version,
    updated_at
FROM ringstream.queue_kpis FINAL
WHERE window_kind = 'interval';
