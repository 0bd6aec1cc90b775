-- Queue KPIs per 15-minute interval and over a sliding 5 minutes, written live by the SLA job's KPI
-- pipeline (definitions: docs/kpis.md). An interval row is re-emitted every minute while the
-- interval fills (closed = 0) and a last time when it ends (closed = 1); version = as_of_ms, so
-- ReplacingMergeTree(version) keeps the latest: always read with FINAL. Sliding rows are emitted
-- once, when their window ends.
CREATE TABLE IF NOT EXISTS ringstream.queue_kpis
(
    tenant                     String,
    queue                      String,
    window_kind                String,
    window_start               DateTime,
    window_end                 DateTime,
    window_minutes             UInt16,
    as_of                      DateTime,
    as_of_ms                   UInt64,
    closed                     UInt8,
    offered                    UInt64,
    answered                   UInt64,
    answered_within_threshold  UInt64,
    abandoned                  UInt64,
    short_abandoned            UInt64,
    abandoned_within_threshold UInt64,
    total_wait_ms              UInt64,
    max_wait_ms                UInt64,
    handled                    UInt64,
    talk_ms                    UInt64,
    holds                      UInt64,
    hold_ms                    UInt64,
    wrap_ups                   UInt64,
    wrap_up_ms                 UInt64,
    ready_ms                   UInt64,
    not_ready_ms               UInt64,
    busy_ms                    UInt64,
    agent_wrap_up_ms           UInt64,
    waiting_ms                 UInt64,
    threshold_seconds          UInt32,
    target_share               Float64,
    short_abandon_ms           UInt64,
    sl_answered_only           Nullable(Float64),
    sl_abandons_count_against  Nullable(Float64),
    sl_left_queue              Nullable(Float64),
    service_level              Nullable(Float64),
    sl_convention              String,
    asa_ms                     Nullable(Float64),
    aht_ms                     Nullable(Float64),
    occupancy                  Nullable(Float64),
    waiting_now                UInt32,
    longest_wait_now_ms        UInt64,
    agents_ready               UInt32,
    agents_not_ready           UInt32,
    agents_busy                UInt32,
    agents_wrap_up             UInt32,
    agents_staffed             Float64,
    avg_waiting                Float64,
    erlang_agents_required     Nullable(UInt32),
    version                    UInt64,
    updated_at                 DateTime
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(window_start)
ORDER BY (tenant, queue, window_kind, window_start);
