-- Each customer's RFM scores and segment and expected 12-month value, as of a day (the tenant's
-- latest booking day: docs/customer-value.md), written by the conversion job when any of them
-- changes. One row per (tenant, customer, as_of); version grows with each write: read with FINAL,
-- and take the latest as_of for "now" (argMax(segment, as_of)). Rows of successive days are the
-- segment history that movement reports and the timeline read. Money in the bookings' currency,
-- major units. Model outputs are null until the tenant's first fit. Kept: one row per customer
-- and day a score changed.
CREATE TABLE IF NOT EXISTS ringstream.customer_value
(
    tenant                  String,
    customer_id             String,
    as_of                   Date,
    as_of_ms                UInt64,
    first_purchase          Date,
    last_purchase           Date,
    purchase_days           UInt32,
    repeat_purchases        UInt32,
    recency_days            UInt32,
    monetary_total          Float64,
    monetary_mean           Float64,
    currency                String,
    r_score                 UInt8,
    f_score                 UInt8,
    m_score                 UInt8,
    rfm                     String,
    segment                 String,
    t_x_weeks               Float64,
    t_weeks                 Float64,
    repeat_mean             Float64,
    expected_purchases_12m  Nullable(Float64),
    probability_alive       Nullable(Float64),
    expected_purchase_value Nullable(Float64),
    clv_12m                 Nullable(Float64),
    fit_version             UInt64,
    version                 UInt64,
    updated_at              DateTime
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(as_of)
ORDER BY (tenant, customer_id, as_of);
