-- This panel's SQL before migration V059 (routing_decisions_by_time), reading routing_decisions.
-- GeneratedDayPanelsITCase holds the panel equal to it on a generated day.
SELECT
    queue,
    count() AS decisions,
    countIf(step > 1) / count() AS relaxed_share,
    avg(candidate_count) AS mean_candidates,
    avg(eligible_count) AS mean_eligible
FROM ringstream.routing_decisions FINAL
PREWHERE tenant = ${tenant:singlequote}
  AND queue IN (${queue:singlequote})
  AND $__dateFilter(decision_date)
  AND $__timeFilter(decision_time)
GROUP BY queue
ORDER BY queue
