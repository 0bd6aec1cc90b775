-- A copy of the dead-letter topic for analysts: what was rejected, by whom, and why.
-- Partitioned by month so retention can drop old months like the event tables.
CREATE TABLE IF NOT EXISTS ringstream.dead_letters
(
    reason       String,
    component    String,
    origin       String,
    topic        String,
    partition    Int32,
    offset       Int64,
    payload      String,
    failed_at    DateTime,
    failed_at_ms UInt64
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(failed_at)
ORDER BY failed_at;
