-- This panel's SQL before migration V059 (routing_decisions_by_time), reading routing_decisions.
-- GeneratedDayPanelsITCase holds the panel equal to it on a generated day.
SELECT
    count() AS decisions,
    countIf(step > 1) / count() AS relaxed_share,
    countIf(chosen_agent_id != '' AND (queue, chosen_agent_id) NOT IN
    (
        SELECT queue, agent_id FROM ringstream.agent_events
        WHERE tenant = ${tenant:singlequote} AND type = 'LOGGED_IN' AND event_date >= toDate($__fromTime) - 1 AND event_time <= $__toTime
    )) / count() AS overflow_share
FROM ringstream.routing_decisions FINAL
PREWHERE tenant = ${tenant:singlequote}
  AND queue IN (${queue:singlequote})
  AND $__dateFilter(decision_date)
  AND $__timeFilter(decision_time)
