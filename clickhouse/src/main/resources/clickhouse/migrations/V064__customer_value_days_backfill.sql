-- Backfill customer_value_days (V063) for each tenant's latest as_of from the customer_value rows
-- already stored, so the Customers dashboard's default range (ending now) shows the same figures
-- right after the upgrade, before the conversion job's first rescoring writes its own row. The
-- same definitions as the panels' earlier SQL: each customer's latest row (FINAL, argMax by
-- as_of), and for movement the latest row at or before as_of - N. Earlier days get no row: a
-- range ending before a tenant's latest as_of shows nothing until the job has written that day
-- (docs/customers.md, "Day summaries"). version 0, so any row the job writes for the day replaces
-- it. Running it again adds identical rows that FINAL collapses.
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
            max(r) AS as_of,
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
                max(r) AS r,
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
                    max(as_of) AS r,
                    max(as_of_ms) AS r_ms,
                    argMax((segment, monetary_total, clv_12m, probability_alive, expected_purchases_12m), as_of) AS latest
                FROM ringstream.customer_value FINAL
                GROUP BY tenant, customer_id
            )
            GROUP BY tenant, segment
            ORDER BY tenant, segment
        )
        GROUP BY tenant
    )
    ALL LEFT JOIN
    (
        SELECT
            tenant,
            groupArray(band) AS alive_bands,
            groupArray(n) AS alive_band_customers
        FROM
        (
            SELECT
                tenant,
                least(toUInt8(floor(assumeNotNull(alive) * 10)), 9) AS band,
                count() AS n
            FROM
            (
                SELECT
                    tenant,
                    tupleElement(argMax(tuple(probability_alive), as_of), 1) AS alive
                FROM ringstream.customer_value FINAL
                GROUP BY tenant, customer_id
            )
            WHERE isNotNull(alive)
            GROUP BY tenant, band
            ORDER BY tenant, band
        )
        GROUP BY tenant
    ) USING tenant
)
ALL LEFT JOIN
(
    SELECT
        tenant,
        groupArray(span) AS movement_days,
        groupArray(from_segment) AS movement_from,
        groupArray(to_segment) AS movement_to,
        groupArray(n) AS movement_customers
    FROM
    (
        SELECT tenant, span, from_segment, to_segment, count() AS n
        FROM
        (
            SELECT
                tenant,
                span,
                if(countIf(as_of <= r - span) = 0, '(new)', argMaxIf(segment, as_of, as_of <= r - span)) AS from_segment,
                argMax(segment, as_of) AS to_segment
            FROM
            (
                SELECT tenant, customer_id, as_of, segment, r, arrayJoin([7, 30, 90, 365]) AS span
                FROM
                (
                    SELECT tenant, customer_id, as_of, segment
                    FROM ringstream.customer_value FINAL
                )
                ALL INNER JOIN
                (
                    SELECT tenant, max(as_of) AS r
                    FROM ringstream.customer_value
                    GROUP BY tenant
                ) USING tenant
            )
            GROUP BY tenant, span, customer_id
        )
        GROUP BY tenant, span, from_segment, to_segment
        ORDER BY tenant, span, from_segment, to_segment
    )
    GROUP BY tenant
) USING tenant;
