-- Agents "Conversion by agent" as defined since V062, over the cells themselves (funnel_stats
-- FINAL): per cell, its entries and the reached of its highest step row (the funnel's last step
-- when the cell was written), summed per agent over the tenant's funnels and the range's days.
SELECT
    agent,
    conversions,
    handled,
    if(handled = 0, NULL, conversions / handled) AS conversions_per_handled,
    entered,
    if(entered = 0, NULL, conversions / entered) AS conversion
FROM
(
    SELECT agent_id AS agent, sum(cell_entered) AS entered, sum(cell_converted) AS conversions
    FROM
    (
        SELECT
            agent_id,
            max(entered) AS cell_entered,
            argMax(reached, step) AS cell_converted
        FROM ringstream.funnel_stats FINAL
        WHERE tenant = ${tenant:singlequote}
          AND agent_id != ''
          AND $__dateFilter(day)
        GROUP BY funnel_id, day, channel, campaign, agent_id
    )
    GROUP BY agent_id
    HAVING conversions > 0
)
ANY INNER JOIN
(
    SELECT agent_id AS agent, sum(handled) AS handled
    FROM ringstream.agent_kpis FINAL
    WHERE tenant = ${tenant:singlequote}
      AND window_kind = 'day'
      AND window_start >= toDateTime(toDate($__fromTime))
      AND window_start <= $__toTime
      AND hasAny(queues, [${queue:singlequote}])
    GROUP BY agent_id
) USING (agent)
ORDER BY conversions DESC, agent
