-- Customers (issue 10), the customer timeline: contact_events sorted for two lookups, so
-- GET /v1/customers/{id}/timeline reads index ranges instead of the tenant's whole range of
-- contact_events (sorted by tenant, queue, time: neither a customer nor a contact is a key).
-- Both tables are fed by materialized views on every insert into contact_events and partitioned
-- by month of event_date like contact_events, so retention drops the same months. Granules are
-- 1,024 rows instead of 8,192: a lookup reads less around each contact it needs, for a primary
-- index 8 times larger (one entry per 1,024 rows).

-- contact_events_by_customer: contact_events' columns the timeline reads, sorted by the customer
-- the event named: a customer's events are one index range. Events before the contact's customer
-- was known sit under customer_id '' (sorted by contact there). A re-delivered event lands twice,
-- as in contact_events: readers de-duplicate by event_id.
CREATE TABLE IF NOT EXISTS ringstream.contact_events_by_customer
(
    event_id      String,
    tenant        String,
    customer_id   String,
    contact_id    String,
    type          String,
    channel       String,
    event_date    Date,
    event_time_ms UInt64,
    queue         String,
    agent_id      String,
    wait_ms       Nullable(Int64),
    duration_ms   Nullable(Int64)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(event_date)
ORDER BY (tenant, customer_id, contact_id, event_time_ms, event_id)
SETTINGS index_granularity = 1024;

-- customers_of_contacts: every customer each contact named, with the latest time it did
-- (ReplacingMergeTree keeps the row of the largest event_time_ms; until merges run there are
-- more, which argMax(customer_id, event_time_ms) over a contact's rows does not mind). A
-- contact's customer is its latest one (as in the contact_customers view).
CREATE TABLE IF NOT EXISTS ringstream.customers_of_contacts
(
    tenant        String,
    contact_id    String,
    customer_id   String,
    event_date    Date,
    event_time_ms UInt64
)
ENGINE = ReplacingMergeTree(event_time_ms)
PARTITION BY toYYYYMM(event_date)
ORDER BY (tenant, contact_id, customer_id)
SETTINGS index_granularity = 1024;

CREATE MATERIALIZED VIEW IF NOT EXISTS ringstream.contact_events_by_customer_feed
TO ringstream.contact_events_by_customer
AS SELECT
    event_id, tenant, customer_id, contact_id, type, channel, event_date, event_time_ms, queue,
    agent_id, wait_ms, duration_ms
FROM ringstream.contact_events;

CREATE MATERIALIZED VIEW IF NOT EXISTS ringstream.customers_of_contacts_feed
TO ringstream.customers_of_contacts
AS SELECT tenant, contact_id, customer_id, event_date, event_time_ms
FROM ringstream.contact_events
WHERE customer_id != '';

-- Backfill the rows contact_events held before the views existed. The views come first, so an
-- event inserted meanwhile is copied at least once (maybe twice: readers de-duplicate, merges
-- collapse). Running the backfill again only adds duplicates, absorbed the same way. On a large
-- table, backfill month by month instead (the same statements with AND event_date BETWEEN ...).
INSERT INTO ringstream.contact_events_by_customer
SELECT
    event_id, tenant, customer_id, contact_id, type, channel, event_date, event_time_ms, queue,
    agent_id, wait_ms, duration_ms
FROM ringstream.contact_events;

INSERT INTO ringstream.customers_of_contacts
SELECT tenant, contact_id, customer_id, event_date, event_time_ms
FROM ringstream.contact_events
WHERE customer_id != '';
