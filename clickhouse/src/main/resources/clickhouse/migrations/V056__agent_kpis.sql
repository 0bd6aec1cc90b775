-- Agent KPIs per 15-minute interval and per UTC day, written live by the SLA job's KPI pipeline
-- (definitions: docs/kpis.md, "Agent KPIs"). Issue 13: the per-agent panels and the wallboard's
-- agent table read raw contact_events / agent_events under FINAL (80-300 ms on 30 days of a
-- 1,000-agent center); here they read a few complete rows. A window's row is re-emitted at every
-- minute boundary where it changed (closed = 0) and a last time when it ends (closed = 1);
-- version = as_of_ms, so ReplacingMergeTree(version) keeps the latest and a row the sink
-- re-delivers replaces itself: always read with FINAL. Sorted by (tenant, window_kind,
-- window_start, agent_id): a time range of one kind is one index range. No DateTime64 (18.16):
-- millis sit in UInt64 columns next to the DateTime ones.
CREATE TABLE IF NOT EXISTS ringstream.agent_kpis
(
    tenant           String,
    agent_id         String,
    window_kind      String,
    window_start     DateTime,
    window_end       DateTime,
    as_of            DateTime,
    as_of_ms         UInt64,
    closed           UInt8,
    answered         UInt64,
    handled          UInt64,
    talk_ms          UInt64,
    holds            UInt64,
    hold_ms          UInt64,
    wrap_ups         UInt64,
    wrap_up_ms       UInt64,
    offers_timed_out UInt64,
    offers_rejected  UInt64,
    ready_ms         UInt64,
    not_ready_ms     UInt64,
    busy_ms          UInt64,
    agent_wrap_up_ms UInt64,
    occupancy        Nullable(Float64),
    aht_ms           Nullable(Float64),
    state            String,
    state_since_ms   UInt64,
    reason           String,
    queues           Array(String),
    version          UInt64,
    updated_at       DateTime
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(window_start)
ORDER BY (tenant, window_kind, window_start, agent_id);
