SELECT
    concat(toString(bucket * 10), '–', toString(bucket * 10 + 10), ' %') AS probability_alive,
    count() AS customers
FROM
(
    SELECT least(toUInt8(floor(tupleElement(latest, 4) * 10)), 9) AS bucket
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
    WHERE isNotNull(tupleElement(latest, 4))
)
GROUP BY bucket
ORDER BY bucket
