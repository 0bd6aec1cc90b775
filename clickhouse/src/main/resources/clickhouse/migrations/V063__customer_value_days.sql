-- customer_value_days: per tenant and scoring day (as_of, the tenant's latest booking day), the
-- conversion job's summary of every customer's latest customer_value row as of that day (issue 13).
-- The Customers dashboard read ~970k customer_value rows with FINAL for each panel (argMax per
-- customer); it now reads one row: the latest as_of up to the range's end. Written after every
-- rescoring of the tenant, from the figures of each customer's last written row the job keeps in
-- its state, so it is exactly what grouping the latest customer_value row per customer gives
-- (docs/customers.md, "Day summaries"). One row per (tenant, as_of); the day's last rescoring
-- (highest version) is the day: read with FINAL. Arrays rather than a row per group, so that a
-- segment or pair a later rescoring of the same day no longer has does not linger:
-- - segment_*: parallel per segment (sorted): customers, the sum of monetary_total; for clv_12m,
--   probability_alive and expected_purchases_12m the customers with a value (not NULL) and its sum.
-- - alive_bands / alive_band_customers: customers per 10 % band least(floor(p * 10), 9), bands
--   with customers only.
-- - movement_*: for each span of days (7, 30, 90, 365: the dashboard's movement_days), customers
--   per (from, to): the segment of their latest row at or before as_of - days ('(new)' without
--   one) and now. Pairs with customers only.
-- Money in the bookings' currency, major units. Kept, like customer_value.
CREATE TABLE IF NOT EXISTS ringstream.customer_value_days
(
    tenant                      String,
    as_of                       Date,
    as_of_ms                    UInt64,
    customers                   UInt64,
    segments                    Array(String),
    segment_customers           Array(UInt64),
    segment_monetary_sum        Array(Float64),
    segment_clv_customers       Array(UInt64),
    segment_clv_sum             Array(Float64),
    segment_alive_customers     Array(UInt64),
    segment_alive_sum           Array(Float64),
    segment_purchases_customers Array(UInt64),
    segment_purchases_sum       Array(Float64),
    alive_bands                 Array(UInt8),
    alive_band_customers        Array(UInt64),
    movement_days               Array(UInt16),
    movement_from               Array(String),
    movement_to                 Array(String),
    movement_customers          Array(UInt64),
    version                     UInt64,
    updated_at                  DateTime
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(as_of)
ORDER BY (tenant, as_of);
