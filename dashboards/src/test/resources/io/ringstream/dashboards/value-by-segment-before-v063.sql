SELECT
    tupleElement(latest, 1) AS segment_now,
    count() AS customers,
    sum(tupleElement(latest, 2)) AS clv_12m_sum,
    avg(tupleElement(latest, 2)) AS clv_12m_avg,
    sum(tupleElement(latest, 3)) AS monetary_sum,
    avg(tupleElement(latest, 3)) AS monetary_avg,
    avg(tupleElement(latest, 5)) AS expected_purchases_12m_avg,
    avg(tupleElement(latest, 4)) AS probability_alive_avg
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
ORDER BY clv_12m_sum DESC, segment_now
