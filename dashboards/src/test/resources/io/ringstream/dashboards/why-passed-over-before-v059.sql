-- This panel's SQL before migration V059 (routing_decisions_by_time), reading routing_decisions.
-- GeneratedDayPanelsITCase holds the panel equal to it on a generated day.
SELECT
    replaceRegexpAll(why, '[0-9]+', 'N') AS reason,
    count() AS candidates
FROM
(
    SELECT arrayJoin(extractAll(candidates, '"whyNot":"([^"]*)"')) AS why
    FROM ringstream.routing_decisions FINAL
    PREWHERE tenant = ${tenant:singlequote}
      AND queue IN (${queue:singlequote})
      AND $__dateFilter(decision_date)
      AND $__timeFilter(decision_time)
)
GROUP BY reason
ORDER BY candidates DESC, reason
LIMIT 20
