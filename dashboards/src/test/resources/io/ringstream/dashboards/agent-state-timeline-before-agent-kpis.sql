SELECT
    event_time AS time,
    agent_id,
    if(type = 'LOGGED_IN', 'READY', type) AS state
FROM ringstream.agent_events FINAL
PREWHERE tenant = ${tenant:singlequote}
  AND $__dateFilter(event_date)
  AND $__timeFilter(event_time)
WHERE type IN ('LOGGED_IN', 'READY', 'NOT_READY', 'BUSY', 'WRAP_UP', 'LOGGED_OUT')
  AND agent_id IN
  (
      SELECT agent_id FROM ringstream.agent_events
      WHERE tenant = ${tenant:singlequote} AND type = 'LOGGED_IN' AND queue IN (${queue:singlequote})
        AND event_date >= toDate($__fromTime) - 1 AND event_time <= $__toTime
  )
ORDER BY time, agent_id
LIMIT 20000
