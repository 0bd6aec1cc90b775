SELECT
    agent,
    conversions,
    customers_handled,
    if(customers_handled = 0, NULL, conversions / customers_handled) AS conversions_per_customer
FROM
(
    SELECT agent, count() AS conversions
    FROM
    (
        SELECT
            funnel_id,
            customer_id,
            episode_start_ms,
            argMax(contact_agent, contact_ms) AS agent,
            argMax(contact_queue, contact_ms) AS last_queue
        FROM
        (
            SELECT funnel_id, customer_id, episode_start_ms, window_start_ms, furthest_time_ms
            FROM ringstream.funnel_progress FINAL
            WHERE tenant = ${tenant:singlequote}
              AND steps_reached > 0
              AND converted = 1
              AND $__timeFilter(furthest_time)
        )
        ALL INNER JOIN
        (
            SELECT customer_id, event_time_ms AS contact_ms, agent_id AS contact_agent, queue AS contact_queue
            FROM ringstream.contact_events FINAL
            WHERE tenant = ${tenant:singlequote}
              AND type = 'ANSWERED'
              AND agent_id != ''
              AND customer_id != ''
              AND event_date >= toDate($__fromTime) - 90
              AND event_time <= $__toTime
        ) USING (customer_id)
        WHERE contact_ms <= furthest_time_ms
          AND contact_ms + 7776000000 >= window_start_ms
        GROUP BY funnel_id, customer_id, episode_start_ms
    )
    WHERE last_queue IN (${queue:singlequote})
    GROUP BY agent
)
ANY LEFT JOIN
(
    SELECT agent_id AS agent, uniqExact(customer_id) AS customers_handled
    FROM ringstream.contact_events FINAL
    WHERE tenant = ${tenant:singlequote}
      AND type = 'ANSWERED'
      AND agent_id != ''
      AND customer_id != ''
      AND queue IN (${queue:singlequote})
      AND $__dateFilter(event_date)
      AND $__timeFilter(event_time)
    GROUP BY agent_id
) USING (agent)
ORDER BY conversions DESC, agent
