-- Caller identification (issue 10; docs/customers.md, "Caller identification and the screen-pop").
-- What routing-service decided about a contact's caller, once per contact: the PBX's wait loop asks
-- POST /v1/route again and again, possibly on other instances, and every ask must get the same
-- customer and never create a second customer or lead. The first ask inserts (ON CONFLICT DO
-- NOTHING) and everyone reads the row back. Rows are small and per contact; they stay as the record
-- of which lead a call created.
CREATE TABLE contact_identifications (
    tenant          text        NOT NULL,
    contact_id      text        NOT NULL,
    -- The customer the caller is; null when unknown or ambiguous.
    customer_id     uuid,
    -- When the number matched several customers: all of them, for the agent to choose from.
    candidates      uuid[]      NOT NULL DEFAULT '{}',
    -- The lead this contact created for an unknown caller, if it did.
    created_lead_id uuid,
    identified_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant, contact_id)
);
