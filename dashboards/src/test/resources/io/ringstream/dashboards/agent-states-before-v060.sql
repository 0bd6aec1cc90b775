SELECT
    agent_id AS agent,
    argMax(type, event_time_ms) AS state,
    argMax(reason, event_time_ms) AS reason,
    toDateTime(intDiv(max(event_time_ms), 1000)) AS since
FROM ringstream.agent_events
WHERE tenant = ${tenant:singlequote}
  AND type != 'SKILLS_CHANGED'
  AND event_date >= today() - 7
GROUP BY agent_id
HAVING state != 'LOGGED_OUT'
ORDER BY state, agent
