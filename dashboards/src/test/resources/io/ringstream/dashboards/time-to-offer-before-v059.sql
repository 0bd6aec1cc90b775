-- This panel's SQL before migration V059 (routing_decisions_by_time), reading routing_decisions.
-- GeneratedDayPanelsITCase holds the panel equal to it on a generated day.
SELECT
    toDateTime(intDiv(toUInt32(decision_time), 900) * 900) AS time,
    avg(to_offer_ms) / 1000 AS mean_s,
    quantile(0.9)(to_offer_ms) / 1000 AS p90_s
FROM
(
    SELECT decision_time, greatest(toInt64(decision_time_ms) - toInt64(queued_ms), toInt64(0)) AS to_offer_ms
    FROM
    (
        SELECT contact_id, decision_time, decision_time_ms
        FROM ringstream.routing_decisions FINAL
        PREWHERE tenant = ${tenant:singlequote}
          AND queue IN (${queue:singlequote})
          AND $__dateFilter(decision_date)
          AND $__timeFilter(decision_time)
    )
    ANY INNER JOIN
    (
        SELECT contact_id, maxMerge(event_time_ms) AS queued_ms
        FROM ringstream.contact_milestones
        WHERE tenant = ${tenant:singlequote}
          AND type = 'QUEUED'
          AND event_date >= toDate($__fromTime) - 1
          AND event_time <= $__toTime
          AND contact_id IN
          (
              SELECT contact_id FROM ringstream.routing_decisions
              PREWHERE tenant = ${tenant:singlequote}
                AND queue IN (${queue:singlequote})
                AND $__dateFilter(decision_date)
                AND $__timeFilter(decision_time)
          )
        GROUP BY contact_id
    ) USING (contact_id)
)
GROUP BY time
ORDER BY time
