-- funnel_stats without the agent (issue 13: the Conversion dashboard's panels read funnel_stats FINAL,
-- ~512k rows in 30 days of a 1,000-agent center, 250 ms to 1.2 s). Per tenant, funnel, entry day
-- (UTC cohort), step and (channel, campaign): the sums over the agents' cells of funnel_stats, written
-- by the conversion job's stats operator in the same flush and with the same version as the cells
-- (docs/funnels.md), so FINAL is exact as for funnel_stats. entered and reached: sums of the cells'.
-- Medians and p90s cannot be summed, and the dashboard shows their mean weighted by reached over the
-- cells that have them: timed_reached is the reached of the cells with times (step 1 and cells that
-- nobody reached have none), the *_wsum_s columns the sums of (cell time × cell reached) over those
-- cells, so sum(*_wsum_s) / sum(timed_reached) over any set of rows is that same weighted mean.
CREATE TABLE IF NOT EXISTS ringstream.funnel_channel_days
(
    tenant                    String,
    funnel_id                 String,
    funnel_name               String,
    day                       Date,
    step                      UInt8,
    step_name                 String,
    channel                   String,
    campaign                  String,
    entered                   UInt64,
    reached                   UInt64,
    timed_reached             UInt64,
    from_previous_median_wsum_s Float64,
    from_previous_p90_wsum_s  Float64,
    from_entry_median_wsum_s  Float64,
    from_entry_p90_wsum_s     Float64,
    version                   UInt64,
    updated_at                DateTime
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (tenant, funnel_id, day, step, channel, campaign);

-- Backfill from the cells already written: the same sums over funnel_stats FINAL, with the
-- group's newest version, which every later write of that day exceeds.
INSERT INTO ringstream.funnel_channel_days
SELECT
    tenant,
    funnel_id,
    argMax(funnel_name, version),
    day,
    step,
    argMax(step_name, version),
    channel,
    campaign,
    sum(entered),
    sum(reached),
    sumIf(reached, isNotNull(from_entry_median_s)),
    sum(ifNull(from_previous_median_s, 0) * reached),
    sum(ifNull(from_previous_p90_s, 0) * reached),
    sum(ifNull(from_entry_median_s, 0) * reached),
    sum(ifNull(from_entry_p90_s, 0) * reached),
    max(version),
    max(updated_at)
FROM ringstream.funnel_stats FINAL
GROUP BY tenant, funnel_id, day, step, channel, campaign;
