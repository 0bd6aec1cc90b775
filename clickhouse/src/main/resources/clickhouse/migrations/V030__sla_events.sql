-- Every verdict on an SLA clock from the SLA job (flink-jobs io.ringstream.flink.sla): WARNING and
-- BREACH while a contact waits (or an agent stays on hold, in wrap-up, not ready), MET or
-- CANCELLED when the clock stops. One row per verdict; event_id derives from the clock id, so a
-- replay writes the same ids and ReplacingMergeTree collapses them: read with FINAL.
CREATE TABLE IF NOT EXISTS ringstream.sla_events
(
    event_id      String,
    tenant        String,
    type          String,
    kind          String,
    clock_id      String,
    policy_id     String,
    subject_type  String,
    subject       String,
    contact_id    String,
    agent_id      String,
    queue         String,
    channel       String,
    priority      Nullable(Int32),
    event_date    Date,
    event_time    DateTime,
    event_time_ms UInt64,
    started_at_ms UInt64,
    threshold_ms  UInt64,
    elapsed_ms    UInt64,
    reason        String,
    short_abandon UInt8
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(event_date)
ORDER BY (tenant, kind, event_time, event_id);
