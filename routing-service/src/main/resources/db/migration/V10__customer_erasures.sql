-- Erasures whose ClickHouse part (scrubbing the person's contact history, ContactDataEraser) is
-- still to do or done. The PostgreSQL part commits with the row; the ClickHouse part runs after
-- the commit and is retried until it succeeds, so a ClickHouse outage delays it but never loses
-- it. Holds ids only: nothing personal.
CREATE TABLE customer_erasures (
    tenant               text        NOT NULL,
    customer_id          uuid        NOT NULL,
    -- The erased customer and every id merged into it: their contacts are the person's.
    customer_ids         uuid[]      NOT NULL,
    requested_at         timestamptz NOT NULL,
    contacts_scrubbed_at timestamptz,
    attempts             integer     NOT NULL DEFAULT 0,
    last_error           text,
    PRIMARY KEY (tenant, customer_id)
);
CREATE INDEX customer_erasures_pending ON customer_erasures (requested_at)
    WHERE contacts_scrubbed_at IS NULL;
