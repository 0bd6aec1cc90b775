-- Live funnel counts per funnel, entry day (UTC cohort), step and breakdown cell, written by the
-- conversion job a few seconds after a change (docs/funnels.md). The cell (channel, campaign,
-- agent_id) is the contact credited for the episode's furthest step under the funnel's attribution
-- rule ('' when none), so every number of one episode sits in one cell. entered: episodes in the
-- cell; reached: those that reached this step; conversion_rate = reached / entered. Times in
-- seconds between the previous step and this one, and from entry to this one, over the episodes
-- that reached it (null for none). version grows with each write: read with FINAL.
CREATE TABLE IF NOT EXISTS ringstream.funnel_stats
(
    tenant                 String,
    funnel_id              String,
    funnel_name            String,
    day                    Date,
    step                   UInt8,
    step_name              String,
    channel                String,
    campaign               String,
    agent_id               String,
    entered                UInt64,
    reached                UInt64,
    conversion_rate        Float64,
    from_previous_median_s Nullable(Float64),
    from_previous_p90_s    Nullable(Float64),
    from_entry_median_s    Nullable(Float64),
    from_entry_p90_s       Nullable(Float64),
    version                UInt64,
    updated_at             DateTime
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (tenant, funnel_id, day, step, channel, campaign, agent_id);
