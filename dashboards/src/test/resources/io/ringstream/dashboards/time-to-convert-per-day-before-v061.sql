SELECT
    toDateTime(day) AS time,
    if(sumIf(reached, isNotNull(from_entry_median_s)) = 0, NULL,
       sumIf(from_entry_median_s * reached, isNotNull(from_entry_median_s)) / sumIf(reached, isNotNull(from_entry_median_s))) AS median_s,
    if(sumIf(reached, isNotNull(from_entry_p90_s)) = 0, NULL,
       sumIf(from_entry_p90_s * reached, isNotNull(from_entry_p90_s)) / sumIf(reached, isNotNull(from_entry_p90_s))) AS p90_s
FROM ringstream.funnel_stats FINAL
WHERE tenant = ${tenant:singlequote}
  AND funnel_id = ${funnel:singlequote}
  AND $__dateFilter(day)
  AND step = (SELECT max(step) FROM ringstream.funnel_stats WHERE tenant = ${tenant:singlequote} AND funnel_id = ${funnel:singlequote})
GROUP BY day
ORDER BY time
