-- Every business event (leads, stage changes, bookings, payments) as published on the
-- business-events topic, archived by the archive job: the raw input of the conversion funnels
-- (ClickHouse's windowFunnel over it is the funnel job's oracle) and of RFM and customer value.
-- ReplacingMergeTree by event id: re-deliveries collapse, read with FINAL for exact counts.
-- Kept (no retention): commercial records, a few rows per customer, and the customer-value models
-- need years of bookings. amount_minor is in the currency's minor units (cents).
CREATE TABLE IF NOT EXISTS ringstream.business_events
(
    event_id      String,
    tenant        String,
    customer_id   String,
    type          String,
    stage         String,
    event_date    Date,
    event_time    DateTime,
    event_time_ms UInt64,
    source        String,
    contact_id    String,
    lead_id       String,
    amount_minor  Nullable(Int64),
    currency      String,
    campaign      String,
    attributes    String
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(event_date)
ORDER BY (tenant, customer_id, event_time, event_id);
