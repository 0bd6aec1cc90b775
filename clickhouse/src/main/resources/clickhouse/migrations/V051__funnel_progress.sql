-- Each customer's furthest step in each funnel episode, written by the conversion job whenever it
-- grows (docs/funnels.md). Key: (tenant, funnel, customer, episode start). version is the
-- customer's revision counter in the job, so a later row always wins, including a retraction
-- (steps_reached = 0) when a late event moved an episode: read with FINAL and steps_reached > 0.
-- step_* arrays hold one element per step reached, in order. credited_* is the contact credited
-- for the furthest step under the funnel's attribution rule ('' when none).
CREATE TABLE IF NOT EXISTS ringstream.funnel_progress
(
    tenant              String,
    funnel_id           String,
    customer_id         String,
    episode_start       DateTime,
    episode_start_ms    UInt64,
    window_start_ms     UInt64,
    steps_reached       UInt8,
    step_count          UInt8,
    converted           UInt8,
    furthest_step       String,
    furthest_time       DateTime,
    furthest_time_ms    UInt64,
    step_names          Array(String),
    step_times_ms       Array(UInt64),
    step_event_ids      Array(String),
    attribution         String,
    campaign            String,
    credited_channel    String,
    credited_agent_id   String,
    credited_contact_id String,
    version             UInt64,
    updated_at          DateTime
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(episode_start)
ORDER BY (tenant, funnel_id, customer_id, episode_start_ms);
