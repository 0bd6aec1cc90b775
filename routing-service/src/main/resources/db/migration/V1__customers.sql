-- Customers (issue 10; docs/customers.md). PostgreSQL is the system of record; ClickHouse gets a
-- copy through the outbox. Every table has a tenant column and every query names the tenant: one
-- tenant never reads another's rows. Later migrations use the ranges V10-V19 (customers,
-- identities, merge, erasure), V20-V29 (leads, notes, business events), V30-V39 (outbox), V40-V49
-- (caller identification), V50-V59 (timeline).

CREATE TABLE customers (
    id                 uuid        PRIMARY KEY,
    tenant             text        NOT NULL,
    display_name       text,
    preferred_language text,
    tier               text,
    consent_phone      text        NOT NULL DEFAULT 'UNKNOWN',
    consent_whatsapp   text        NOT NULL DEFAULT 'UNKNOWN',
    consent_email      text        NOT NULL DEFAULT 'UNKNOWN',
    consent_marketing  text        NOT NULL DEFAULT 'UNKNOWN',
    tags               text[]      NOT NULL DEFAULT '{}',
    attributes         jsonb       NOT NULL DEFAULT '{}',
    owner_agent        text,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    version            bigint      NOT NULL CHECK (version >= 1),
    -- Set by an erasure: the personal fields are gone, the row stays so ids still resolve.
    erased_at          timestamptz,
    CHECK (consent_phone IN ('GRANTED', 'DENIED', 'UNKNOWN')),
    CHECK (consent_whatsapp IN ('GRANTED', 'DENIED', 'UNKNOWN')),
    CHECK (consent_email IN ('GRANTED', 'DENIED', 'UNKNOWN')),
    CHECK (consent_marketing IN ('GRANTED', 'DENIED', 'UNKNOWN'))
);
-- Name-prefix search: lower(display_name) LIKE 'ana%' within a tenant.
CREATE INDEX customers_tenant_name ON customers (tenant, lower(display_name) text_pattern_ops);

-- One owner per identity and tenant: the primary key is the unique constraint the issue asks for,
-- so two concurrent creates with the same phone cannot both win.
CREATE TABLE customer_identities (
    tenant      text        NOT NULL,
    kind        text        NOT NULL
        CHECK (kind IN ('PHONE', 'EMAIL', 'WHATSAPP', 'INSTAGRAM', 'EXTERNAL_ID')),
    value       text        NOT NULL,
    customer_id uuid        NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    raw         text        NOT NULL,
    verified    boolean     NOT NULL DEFAULT false,
    is_primary  boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant, kind, value)
);
CREATE INDEX customer_identities_customer ON customer_identities (customer_id);

-- A merged customer's id resolves to its survivor. The merged row is deleted; these keep old
-- references (contact events in ClickHouse, a booking system's stored id) working.
CREATE TABLE customer_redirects (
    merged_id   uuid        PRIMARY KEY,
    tenant      text        NOT NULL,
    survivor_id uuid        NOT NULL REFERENCES customers (id),
    merged_at   timestamptz NOT NULL
);
CREATE INDEX customer_redirects_survivor ON customer_redirects (survivor_id);

-- The merge audit: both customers as they were, who, when, why, what moved and what was discarded.
CREATE TABLE customer_merges (
    id          uuid        PRIMARY KEY,
    tenant      text        NOT NULL,
    survivor_id uuid        NOT NULL,
    merged_id   uuid        NOT NULL,
    actor       text        NOT NULL,
    reason      text,
    merged_at   timestamptz NOT NULL,
    audit       jsonb       NOT NULL
);
CREATE INDEX customer_merges_survivor ON customer_merges (tenant, survivor_id);

CREATE TABLE leads (
    id             uuid          PRIMARY KEY,
    tenant         text          NOT NULL,
    customer_id    uuid          NOT NULL REFERENCES customers (id),
    stage          text          NOT NULL
        CHECK (stage IN ('NEW', 'CONTACTED', 'QUALIFIED', 'QUOTED', 'BOOKED', 'PAID', 'LOST')),
    lost_reason    text,
    source_channel text          NOT NULL,
    campaign       text,
    value          numeric(19, 4),
    currency       char(3),
    owner_agent    text,
    created_at     timestamptz   NOT NULL,
    updated_at     timestamptz   NOT NULL,
    version        bigint        NOT NULL CHECK (version >= 1),
    CHECK ((stage = 'LOST') = (lost_reason IS NOT NULL)),
    CHECK ((value IS NULL) = (currency IS NULL))
);
CREATE INDEX leads_customer ON leads (tenant, customer_id);

-- Every stage a lead entered, for the timeline and the funnels (also published as STAGE_CHANGED).
CREATE TABLE lead_stage_changes (
    id          bigserial   PRIMARY KEY,
    tenant      text        NOT NULL,
    lead_id     uuid        NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    customer_id uuid        NOT NULL,
    from_stage  text,
    to_stage    text        NOT NULL,
    lost_reason text,
    actor       text        NOT NULL,
    changed_at  timestamptz NOT NULL
);
CREATE INDEX lead_stage_changes_customer ON lead_stage_changes (tenant, customer_id, changed_at DESC);

-- Agents' notes; never edited (a correction is another note).
CREATE TABLE notes (
    id          uuid        PRIMARY KEY,
    tenant      text        NOT NULL,
    customer_id uuid        NOT NULL REFERENCES customers (id),
    lead_id     uuid        REFERENCES leads (id),
    author      text        NOT NULL,
    body        text        NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX notes_customer ON notes (tenant, customer_id, created_at DESC);

-- Bookings and payments reported by a booking system (POST /v1/business-events). The idempotency
-- key is the primary key: a replay finds its first answer here instead of booking twice.
CREATE TABLE business_events (
    tenant          text          NOT NULL,
    idempotency_key text          NOT NULL,
    request_hash    text          NOT NULL,
    event_id        text          NOT NULL,
    type            text          NOT NULL,
    customer_id     uuid          NOT NULL REFERENCES customers (id),
    lead_id         uuid          REFERENCES leads (id),
    contact_id      text,
    amount          numeric(19, 4),
    currency        char(3),
    occurred_at     timestamptz   NOT NULL,
    received_at     timestamptz   NOT NULL,
    attributes      jsonb         NOT NULL DEFAULT '{}',
    PRIMARY KEY (tenant, idempotency_key)
);
CREATE INDEX business_events_customer ON business_events (tenant, customer_id, occurred_at DESC);

-- Per-tenant customer settings: the region national phone numbers are read in, and whether an
-- unknown caller becomes a new lead customer. A tenant without a row gets the defaults.
CREATE TABLE tenant_customer_settings (
    tenant                 text        PRIMARY KEY,
    default_region         char(2),
    create_unknown_callers boolean     NOT NULL DEFAULT true,
    updated_at             timestamptz NOT NULL
);

-- The transactional outbox: an event row commits with the change it describes, and the relay
-- publishes rows in id order, then deletes them (no personal data lingers once Kafka has it).
CREATE TABLE outbox (
    id         bigserial   PRIMARY KEY,
    topic      text        NOT NULL,
    event_key  text        NOT NULL,
    event_id   text        NOT NULL,
    payload    bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
