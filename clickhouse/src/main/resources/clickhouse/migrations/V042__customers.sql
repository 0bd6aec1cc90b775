-- The latest version of every customer, from the customer-changes topic (the archive job). Each
-- change carries the whole record afterwards (a snapshot), so ReplacingMergeTree(version) keeps
-- the newest: always read with FINAL. An erased customer's row is the anonymised snapshot of its
-- ERASED change; the archive job deletes the older versions with a mutation (docs/customers.md).
-- Kept: one row per customer. Tags and identities are arrays (has(tags, 'vip')); attributes and
-- consents as in PostgreSQL. No TTL, no LowCardinality: runs on ClickHouse 18.16.
CREATE TABLE IF NOT EXISTS ringstream.customers
(
    tenant             String,
    customer_id        String,
    version            UInt64,
    event_id           String,
    change_type        String,
    display_name       String,
    preferred_language String,
    tier               String,
    owner_agent        String,
    consent_phone      String,
    consent_whatsapp   String,
    consent_email      String,
    consent_marketing  String,
    tags               Array(String),
    attributes         String,
    identities         Array(String),
    merged_into        String,
    erased             UInt8,
    created_at         DateTime,
    created_at_ms      UInt64,
    updated_at         DateTime,
    updated_at_ms      UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant, customer_id);
