package io.ringstream.routing.screenpop;

import io.ringstream.testkit.ClickHouseExtension;

/**
 * Writes {@code customer_value} rows as the conversion job would, for the tests of what
 * routing-service reads from them (the customer card, the timeline's segment changes).
 */
public final class CustomerValueRows {
    private CustomerValueRows() {}

    /** One row; {@code asOf} is a day ({@code 2026-11-30}), {@code clv} a number or NULL. */
    public static void insert(
            ClickHouseExtension clickhouse,
            String tenant,
            String customer,
            String asOf,
            String segment,
            String rfm,
            String clv,
            int version) {
        clickhouse.execute(
                "INSERT INTO ringstream.customer_value (tenant, customer_id, as_of, as_of_ms,"
                        + " first_purchase, last_purchase, purchase_days, repeat_purchases,"
                        + " recency_days, monetary_total, monetary_mean, currency, r_score, f_score,"
                        + " m_score, rfm, segment, t_x_weeks, t_weeks, repeat_mean,"
                        + " expected_purchases_12m, probability_alive, expected_purchase_value,"
                        + " clv_12m, fit_version, version, updated_at) VALUES ('"
                        + tenant
                        + "', '"
                        + customer
                        + "', toDate('"
                        + asOf
                        + "'), toUInt64(toDateTime('"
                        + asOf
                        + " 00:00:00', 'UTC')) * 1000, toDate('2026-01-01'), toDate('"
                        + asOf
                        + "'), 3, 2, 0, 300.0, 100.0, 'EUR', "
                        + rfm.charAt(0)
                        + ", "
                        + rfm.charAt(1)
                        + ", "
                        + rfm.charAt(2)
                        + ", '"
                        + rfm
                        + "', '"
                        + segment
                        + "', 10.0, 20.0, 100.0, NULL, NULL, NULL, "
                        + clv
                        + ", 1, "
                        + version
                        + ", now())");
    }
}
