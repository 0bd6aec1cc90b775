-- customer_value_days for every (tenant, as_of day) of customer_value, from its rows with the
-- Customers panels' definitions before V063: V064 generalised from each tenant's latest day to
-- every day (each row joined to every later day of its tenant, so for tests' small tables only).
-- Tests that write customer_value rows by hand fill the day rows the job would have written.
INSERT INTO ringstream.customer_value_days
SELECT
    tenant,
    as_of,
    as_of_ms,
    customers,
    segments,
    segment_customers,
    segment_monetary_sum,
    segment_clv_customers,
    segment_clv_sum,
    segment_alive_customers,
    segment_alive_sum,
    segment_purchases_customers,
    segment_purchases_sum,
    alive_bands,
    alive_band_customers,
    movement_days,
    movement_from,
    movement_to,
    movement_customers,
    toUInt64(0) AS version,
    now() AS updated_at
FROM
(
    SELECT *
    FROM
    (
        SELECT
            tenant,
            r,
            r AS as_of,
            max(r_ms) AS as_of_ms,
            sum(n) AS customers,
            groupArray(segment) AS segments,
            groupArray(n) AS segment_customers,
            groupArray(monetary) AS segment_monetary_sum,
            groupArray(clv_n) AS segment_clv_customers,
            groupArray(clv) AS segment_clv_sum,
            groupArray(alive_n) AS segment_alive_customers,
            groupArray(alive) AS segment_alive_sum,
            groupArray(purchases_n) AS segment_purchases_customers,
            groupArray(purchases) AS segment_purchases_sum
        FROM
        (
            SELECT
                tenant,
                r,
                max(r_ms) AS r_ms,
                tupleElement(latest, 1) AS segment,
                count() AS n,
                sum(tupleElement(latest, 2)) AS monetary,
                count(tupleElement(latest, 3)) AS clv_n,
                sum(ifNull(tupleElement(latest, 3), 0)) AS clv,
                count(tupleElement(latest, 4)) AS alive_n,
                sum(ifNull(tupleElement(latest, 4), 0)) AS alive,
                count(tupleElement(latest, 5)) AS purchases_n,
                sum(ifNull(tupleElement(latest, 5), 0)) AS purchases
            FROM
            (
                SELECT
                    tenant,
                    r,
                    max(as_of_ms) AS r_ms,
                    argMax((segment, monetary_total, clv_12m, probability_alive, expected_purchases_12m), as_of) AS latest
                FROM
                (
                    SELECT tenant, customer_id, as_of, as_of_ms, segment, monetary_total, clv_12m,
                        probability_alive, expected_purchases_12m
                    FROM ringstream.customer_value FINAL
                )
                ALL INNER JOIN
                (
                    SELECT DISTINCT tenant, as_of AS r FROM ringstream.customer_value
                ) USING tenant
                WHERE as_of <= r
                GROUP BY tenant, r, customer_id
            )
            GROUP BY tenant, r, segment
            ORDER BY tenant, r, segment
        )
        GROUP BY tenant, r
    )
    ALL LEFT JOIN
    (
        SELECT
            tenant,
            r,
            groupArray(band) AS alive_bands,
            groupArray(n) AS alive_band_customers
        FROM
        (
            SELECT
                tenant,
                r,
                least(toUInt8(floor(assumeNotNull(alive) * 10)), 9) AS band,
                count() AS n
            FROM
            (
                SELECT
                    tenant,
                    r,
                    tupleElement(argMax(tuple(probability_alive), as_of), 1) AS alive
                FROM
                (
                    SELECT tenant, customer_id, as_of, as_of_ms, segment, monetary_total, clv_12m,
                        probability_alive, expected_purchases_12m
                    FROM ringstream.customer_value FINAL
                )
                ALL INNER JOIN
                (
                    SELECT DISTINCT tenant, as_of AS r FROM ringstream.customer_value
                ) USING tenant
                WHERE as_of <= r
                GROUP BY tenant, r, customer_id
            )
            WHERE isNotNull(alive)
            GROUP BY tenant, r, band
            ORDER BY tenant, r, band
        )
        GROUP BY tenant, r
    ) USING (tenant, r)
)
ALL LEFT JOIN
(
    SELECT
        tenant,
        r,
        groupArray(span) AS movement_days,
        groupArray(from_segment) AS movement_from,
        groupArray(to_segment) AS movement_to,
        groupArray(n) AS movement_customers
    FROM
    (
        SELECT tenant, r, span, from_segment, to_segment, count() AS n
        FROM
        (
            SELECT
                tenant,
                r,
                span,
                if(countIf(as_of <= r - span) = 0, '(new)', argMaxIf(segment, as_of, as_of <= r - span)) AS from_segment,
                argMax(segment, as_of) AS to_segment
            FROM
            (
                SELECT tenant, customer_id, as_of, segment, r, arrayJoin([7, 30, 90, 365]) AS span
                FROM
                (
                    SELECT tenant, customer_id, as_of, as_of_ms, segment, monetary_total, clv_12m,
                        probability_alive, expected_purchases_12m
                    FROM ringstream.customer_value FINAL
                )
                ALL INNER JOIN
                (
                    SELECT DISTINCT tenant, as_of AS r FROM ringstream.customer_value
                ) USING tenant
                WHERE as_of <= r
            )
            GROUP BY tenant, r, span, customer_id
        )
        GROUP BY tenant, r, span, from_segment, to_segment
        ORDER BY tenant, r, span, from_segment, to_segment
    )
    GROUP BY tenant, r
) USING (tenant, r);
