SELECT
    if(agent = '', '(none)', agent) AS agent_id,
    entered,
    converted,
    conversion,
    if(handled = 0, NULL, handled) AS handled,
    if(handled = 0, NULL, aht_s) AS aht_s,
    if(conversations = 0, NULL, conversations) AS conversations,
    if(conversations = 0, NULL, customer_sentiment) AS customer_sentiment
FROM
(
    SELECT agent, entered, converted, conversion, handled, aht_s
    FROM
    (
        SELECT
            agent_id AS agent,
            sum(cell_entered) AS entered,
            sum(cell_converted) AS converted,
            if(entered = 0, NULL, converted / entered) AS conversion
        FROM
        (
            SELECT
                day, channel, campaign, agent_id,
                max(entered) AS cell_entered,
                sumIf(reached, step = (SELECT max(step) FROM ringstream.funnel_stats WHERE tenant = ${tenant:singlequote} AND funnel_id = ${funnel:singlequote})) AS cell_converted
            FROM ringstream.funnel_stats FINAL
            WHERE tenant = ${tenant:singlequote}
              AND funnel_id = ${funnel:singlequote}
              AND $__dateFilter(day)
            GROUP BY day, channel, campaign, agent_id
        )
        GROUP BY agent_id
    )
    ANY LEFT JOIN
    (
        SELECT agent, count() AS handled, avg(handle_ms) / 1000 AS aht_s
        FROM
        (
            SELECT
                contact_id,
                argMaxIf(agent_id, event_time_ms, type = 'ANSWERED') AS agent,
                sumIf(duration_ms, type IN ('TALK_ENDED', 'WRAPUP_ENDED'))
                    + if(countIf(type = 'HELD') = countIf(type = 'RESUMED'),
                         sumIf(toInt64(event_time_ms), type = 'RESUMED') - sumIf(toInt64(event_time_ms), type = 'HELD'), 0) AS handle_ms,
                countIf(type = 'TALK_ENDED') AS talks
            FROM ringstream.contact_events FINAL
            WHERE tenant = ${tenant:singlequote}
              AND $__dateFilter(event_date)
              AND $__timeFilter(event_time)
            GROUP BY contact_id
            HAVING talks > 0 AND agent != ''
        )
        GROUP BY agent
    ) USING (agent)
)
ANY LEFT JOIN
(
    SELECT agent, count() AS conversations, avg(customer_final) AS customer_sentiment
    FROM
    (
        SELECT
            contact_id,
            argMaxMerge(agent_state) AS agent,
            tupleElement(argMaxIfMerge(customer_state), 1) AS customer_final
        FROM
        (
            SELECT contact_id, agent_id AS agent_state, customer_rolling AS customer_state
            FROM ringstream.conversation_latest
            WHERE tenant = ${tenant:singlequote}
              AND event_date > toDate($__fromTime)
              AND event_date < toDate($__toTime)
            UNION ALL
            SELECT
                contact_id,
                argMaxState(agent_id, turn) AS agent_state,
                argMaxIfState(tuple(customer_rolling), turn, isNotNull(customer_rolling)) AS customer_state
            FROM ringstream.conversation_sentiment
            WHERE tenant = ${tenant:singlequote}
              AND event_date IN (toDate($__fromTime), toDate($__toTime))
              AND $__timeFilter(event_time)
            GROUP BY contact_id
        )
        GROUP BY contact_id
    )
    WHERE agent != '' AND isNotNull(customer_final)
    GROUP BY agent
) USING (agent)
ORDER BY entered DESC, agent
