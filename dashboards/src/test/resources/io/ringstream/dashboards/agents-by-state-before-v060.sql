SELECT
    state,
    count() AS agents
FROM
(
    SELECT
        agent_id,
        argMax(type, event_time_ms) AS state
    FROM ringstream.agent_events
    WHERE tenant = ${tenant:singlequote}
      AND type != 'SKILLS_CHANGED'
      AND event_date >= today() - 7
    GROUP BY agent_id
)
WHERE state != 'LOGGED_OUT'
GROUP BY state
ORDER BY state
