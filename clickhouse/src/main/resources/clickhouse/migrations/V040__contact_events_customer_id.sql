-- Customers (issue 10): every contact event carries the CRM customer of its contact once the
-- customer is known (ContactEvent.customerId; '' before, and in rows written before this column).
-- AFTER agent_id: the archive job's TableSpec writes the columns in the event's order, and
-- TableSpecsITCase holds the spec's order to the table's. Alone in its file: 18.16 has no
-- ADD COLUMN IF NOT EXISTS, so a failed run must leave nothing half-applied.
ALTER TABLE ringstream.contact_events ADD COLUMN customer_id String DEFAULT '' AFTER agent_id;
