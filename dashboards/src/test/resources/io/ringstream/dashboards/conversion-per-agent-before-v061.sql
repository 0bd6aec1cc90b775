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
        -- The KPI job's per-agent day rows (docs/kpis.md, "Agent KPIs"), the range's days as the
        -- funnel cells: AHT = (talk + hold + wrap-up) ÷ handled, as on the Agents dashboard.
        SELECT agent, sum(day_handled) AS handled, sum(day_handle_ms) / 1000 / handled AS aht_s
        FROM
        (
            SELECT agent_id AS agent, handled AS day_handled, talk_ms + hold_ms + wrap_up_ms AS day_handle_ms
            FROM ringstream.agent_kpis FINAL
            PREWHERE tenant = ${tenant:singlequote}
              AND window_kind = 'day'
              AND window_start >= toDateTime(toDate($__fromTime))
              AND window_start <= $__toTime
        )
        GROUP BY agent
    ) USING (agent)
)
ANY LEFT JOIN
(
    -- The sentiment job's per-agent day rows: each conversation's final customer score, counted
    -- on each UTC day it had turns.
    SELECT agent, sum(day_conversations) AS conversations, sum(day_sum) / conversations AS customer_sentiment
    FROM
    (
        SELECT agent_id AS agent, conversations AS day_conversations, customer_sum AS day_sum
        FROM ringstream.agent_sentiment_days FINAL
        WHERE tenant = ${tenant:singlequote}
          AND $__dateFilter(day)
    )
    GROUP BY agent
    HAVING conversations > 0
) USING (agent)
ORDER BY entered DESC, agent
