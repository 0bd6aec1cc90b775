-- Conversion funnels (issue 11; docs/funnels.md, docs/customers.md "Funnel definitions"). The latest
-- definition of each of a tenant's funnels as PUT /v1/admin/funnels/{funnelId} published it on the
-- funnel-definitions topic (through the outbox, in the same transaction): what GET lists, and what
-- DELETE republishes with active = false. A withdrawn funnel's row stays (active false), so the
-- record of what was published is complete. Later funnel migrations use V60-V69.
CREATE TABLE funnel_definitions (
    tenant     text        NOT NULL,
    funnel_id  text        NOT NULL,
    -- The published FunnelDefinition event, as JSON (the topic's serde).
    definition jsonb       NOT NULL,
    active     boolean     NOT NULL,
    updated_by text        NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (tenant, funnel_id)
);
