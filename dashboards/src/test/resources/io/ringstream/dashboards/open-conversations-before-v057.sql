-- This panel's SQL before migration V057 (latest-state tables), reading the raw tables with FINAL.
-- GeneratedDayPanelsITCase holds the panel equal to it on a generated day.
SELECT
    contact_id AS contact,
    queue_now AS queue,
    agent_now AS agent,
    round(customer_now, 2) AS customer_sentiment,
    round(trend_now, 3) AS trend,
    alerting_now AS alerting,
    turns,
    last_utterance
FROM
(
    SELECT
        contact_id,
        argMax(queue, turn) AS queue_now,
        argMax(agent_id, turn) AS agent_now,
        argMax(customer_rolling, turn) AS customer_now,
        argMax(customer_trend, turn) AS trend_now,
        argMax(alerting, turn) AS alerting_now,
        max(turn) AS turns,
        max(event_time) AS last_utterance
    FROM ringstream.conversation_sentiment FINAL
    WHERE tenant = ${tenant:singlequote}
      AND event_date >= today() - 1
    GROUP BY contact_id
    HAVING last_utterance >= now() - INTERVAL 1 HOUR
)
WHERE (queue_now IN (${queue:singlequote}) OR queue_now = '')
  AND contact_id NOT IN
  (
      SELECT contact_id FROM ringstream.contact_events
      WHERE tenant = ${tenant:singlequote} AND type = 'ENDED' AND event_date >= today() - 1
  )
ORDER BY isNull(customer_now), customer_now, contact
LIMIT 100
