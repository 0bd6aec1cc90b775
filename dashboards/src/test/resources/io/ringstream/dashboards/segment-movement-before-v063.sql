SELECT
    from_segment,
    to_segment,
    count() AS customers
FROM
(
    SELECT
        customer_id,
        if(countIf(as_of <= (SELECT max(as_of) FROM ringstream.customer_value WHERE tenant = ${tenant:singlequote} AND as_of <= toDate($__toTime)) - ${movement_days}) = 0, '(new)',
           argMaxIf(segment, as_of, as_of <= (SELECT max(as_of) FROM ringstream.customer_value WHERE tenant = ${tenant:singlequote} AND as_of <= toDate($__toTime)) - ${movement_days})) AS from_segment,
        argMax(segment, as_of) AS to_segment
    FROM ringstream.customer_value FINAL
    WHERE tenant = ${tenant:singlequote}
      AND as_of <= (SELECT max(as_of) FROM ringstream.customer_value WHERE tenant = ${tenant:singlequote} AND as_of <= toDate($__toTime))
    GROUP BY customer_id
)
GROUP BY from_segment, to_segment
ORDER BY from_segment = to_segment, customers DESC, from_segment, to_segment
