SELECT
    step_number AS step,
    step_label AS name,
    step_reached AS reached,
    if((SELECT sum(reached) FROM ringstream.funnel_stats FINAL WHERE tenant = ${tenant:singlequote} AND funnel_id = ${funnel:singlequote} AND $__dateFilter(day) AND step = 1) = 0, NULL,
       step_reached / (SELECT sum(reached) FROM ringstream.funnel_stats FINAL WHERE tenant = ${tenant:singlequote} AND funnel_id = ${funnel:singlequote} AND $__dateFilter(day) AND step = 1)) AS of_entered,
    if(previous_reached = 0, NULL, step_reached / previous_reached) AS from_previous_step,
    previous_median_s,
    previous_p90_s,
    entry_median_s,
    entry_p90_s
FROM
(
    SELECT
        step AS step_number,
        toUInt8(step - 1) AS previous_step,
        any(step_name) AS step_label,
        sum(reached) AS step_reached,
        if(sumIf(reached, isNotNull(from_previous_median_s)) = 0, NULL,
           sumIf(from_previous_median_s * reached, isNotNull(from_previous_median_s)) / sumIf(reached, isNotNull(from_previous_median_s))) AS previous_median_s,
        if(sumIf(reached, isNotNull(from_previous_p90_s)) = 0, NULL,
           sumIf(from_previous_p90_s * reached, isNotNull(from_previous_p90_s)) / sumIf(reached, isNotNull(from_previous_p90_s))) AS previous_p90_s,
        if(sumIf(reached, isNotNull(from_entry_median_s)) = 0, NULL,
           sumIf(from_entry_median_s * reached, isNotNull(from_entry_median_s)) / sumIf(reached, isNotNull(from_entry_median_s))) AS entry_median_s,
        if(sumIf(reached, isNotNull(from_entry_p90_s)) = 0, NULL,
           sumIf(from_entry_p90_s * reached, isNotNull(from_entry_p90_s)) / sumIf(reached, isNotNull(from_entry_p90_s))) AS entry_p90_s
    FROM ringstream.funnel_stats FINAL
    WHERE tenant = ${tenant:singlequote}
      AND funnel_id = ${funnel:singlequote}
      AND $__dateFilter(day)
    GROUP BY step
)
ANY LEFT JOIN
(
    SELECT step AS previous_step, sum(reached) AS previous_reached
    FROM ringstream.funnel_stats FINAL
    WHERE tenant = ${tenant:singlequote}
      AND funnel_id = ${funnel:singlequote}
      AND $__dateFilter(day)
    GROUP BY step
) USING (previous_step)
ORDER BY step
