SELECT
    count() AS customers,
    sum(tupleElement(latest, 2)) AS clv_12m_total,
    sum(tupleElement(latest, 3)) AS monetary_total,
    toString((SELECT max(as_of) FROM ringstream.customer_value WHERE tenant = ${tenant:singlequote} AND as_of <= toDate($__toTime))) AS as_of
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
