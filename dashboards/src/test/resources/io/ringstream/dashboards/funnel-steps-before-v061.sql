SELECT
    concat(toString(step), '. ', any(step_name)) AS step_label,
    sum(reached) AS reached
FROM ringstream.funnel_stats FINAL
WHERE tenant = ${tenant:singlequote}
  AND funnel_id = ${funnel:singlequote}
  AND $__dateFilter(day)
GROUP BY step
ORDER BY step
