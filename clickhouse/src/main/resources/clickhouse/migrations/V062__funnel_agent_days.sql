-- funnel_stats per agent (issue 13: Conversion's "Conversion per agent" and Agents' "Conversion by
-- agent" without reading every cell or joining contacts). Per tenant, funnel, entry day (UTC
-- cohort) and credited agent_id ('' for none): entered = the episodes of the agent's cells, and
-- reached[k] = those that reached step k (1-based; reached[k] is 0 past the array, as for a step
-- with no row in funnel_stats), summed over the agent's (channel, campaign) cells. Written by the
-- conversion job's stats operator in the same flush and with the same version as funnel_stats
-- (docs/funnels.md): read with FINAL.
CREATE TABLE IF NOT EXISTS ringstream.funnel_agent_days
(
    tenant      String,
    funnel_id   String,
    funnel_name String,
    day         Date,
    agent_id    String,
    entered     UInt64,
    reached     Array(UInt64),
    version     UInt64,
    updated_at  DateTime
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (tenant, funnel_id, day, agent_id);

-- Backfill from the cells already written: each row as an array with its reached at its step's
-- index (step - 1 zeros first; a lambda naming a column fails on 18.16), added element by element
-- by sumForEach, entered from step 1's rows, with the group's newest version.
INSERT INTO ringstream.funnel_agent_days
SELECT
    tenant,
    funnel_id,
    argMax(funnel_name, version),
    day,
    agent_id,
    sumIf(entered, step = 1),
    sumForEach(arrayPushBack(arrayMap(x -> toUInt64(0), range(toUInt64(step - 1))), reached)),
    max(version),
    max(updated_at)
FROM ringstream.funnel_stats FINAL
GROUP BY tenant, funnel_id, day, agent_id;
