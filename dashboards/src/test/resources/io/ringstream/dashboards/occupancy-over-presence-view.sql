-- The Agents dashboard's occupancy panel as it was before issue 13's benchmark: over the
-- agent_presence_segments view (all history). GeneratedDayPanelsITCase holds the panel equal to it.
SELECT
    agent_id AS agent,
    occupancy,
    handled,
    aht_s
FROM
(
    SELECT
        agent_id,
        sumIf(overlap, state IN ('BUSY', 'WRAP_UP')) / sumIf(overlap, state IN ('BUSY', 'WRAP_UP', 'READY')) AS occupancy
    FROM
    (
        SELECT
            agent_id,
            state,
            toInt64(least(if(to_ms = 0, toUInt64(toUInt32($__toTime)) * 1000, to_ms), toUInt64(toUInt32($__toTime)) * 1000))
                - toInt64(greatest(from_ms, toUInt64(toUInt32($__fromTime)) * 1000)) AS overlap
        FROM ringstream.agent_presence_segments
        WHERE tenant = ${tenant:singlequote}
          AND queue IN (${queue:singlequote})
          AND from_ms < toUInt64(toUInt32($__toTime)) * 1000
          AND (to_ms = 0 OR to_ms > toUInt64(toUInt32($__fromTime)) * 1000)
    )
    WHERE overlap > 0
    GROUP BY agent_id
)
ANY LEFT JOIN
(
    SELECT
        agent_id,
        countIf(type = 'TALK_ENDED') AS handled,
        sumIf(duration_ms, type IN ('TALK_ENDED', 'WRAPUP_ENDED')) / 1000 / countIf(type = 'TALK_ENDED') AS aht_s
    FROM ringstream.contact_events FINAL
    WHERE tenant = ${tenant:singlequote}
      AND queue IN (${queue:singlequote})
      AND $__dateFilter(event_date)
      AND $__timeFilter(event_time)
      AND type IN ('TALK_ENDED', 'WRAPUP_ENDED')
    GROUP BY agent_id
) USING (agent_id)
ORDER BY agent
