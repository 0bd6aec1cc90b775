SELECT
    if(channel = '', '(none)', channel) AS channel_label,
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
GROUP BY channel
ORDER BY entered DESC, channel_label
