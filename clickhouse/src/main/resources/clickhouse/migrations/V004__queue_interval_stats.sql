-- Per-queue KPIs per interval, re-emitted by the streaming job while the interval fills.
-- Each emission carries a higher version; FINAL keeps the row with the highest version.
CREATE TABLE IF NOT EXISTS ringstream.queue_interval_stats
(
    tenant                    String,
    queue                     String,
    interval_start            DateTime,
    interval_minutes          UInt16,
    offered                   UInt64,
    answered                  UInt64,
    abandoned                 UInt64,
    answered_within_threshold UInt64,
    threshold_seconds         UInt32,
    total_wait_ms             UInt64,
    total_talk_ms             UInt64,
    version                   UInt64,
    updated_at                DateTime
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(interval_start)
ORDER BY (tenant, queue, interval_start);
