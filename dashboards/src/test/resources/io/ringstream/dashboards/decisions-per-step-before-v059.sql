-- This panel's SQL before migration V059 (routing_decisions_by_time), reading routing_decisions.
-- GeneratedDayPanelsITCase holds the panel equal to it on a generated day.
SELECT
    concat('step ', toString(step)) AS step_name,
    count() AS decisions
FROM ringstream.routing_decisions FINAL
WHERE tenant = ${tenant:singlequote}
  AND queue IN (${queue:singlequote})
  AND $__dateFilter(decision_date)
  AND $__timeFilter(decision_time)
GROUP BY step
ORDER BY step
