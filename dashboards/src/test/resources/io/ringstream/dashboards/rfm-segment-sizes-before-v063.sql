SELECT
    tupleElement(latest, 1) AS segment_now,
    count() AS customers
FROM
(
    SELECT
        customer_id,
        argMax((segment, clv_12m, monetary_total, probability_alive, expected_purchases_12m), as_of) AS latest
    FROM ringstream.customer_value FINAL
    WHERE tenant = ${tenant:singlequote}
      AND as_of <= toDate($__toTime)
    GROUP BY customer_id
)
GROUP BY segment_now
ORDER BY customers DESC, segment_now
