SELECT
    alert_time AS time,
    contact_id AS contact,
    alert_queue AS queue,
    alert_agent AS agent,
    severity,
    trigger,
    round(rolling_at_alert, 2) AS customer_rolling,
    still_alerting,
    message,
    text
FROM
(
    SELECT
        contact_id,
        event_time AS alert_time,
        event_time_ms AS alert_time_ms,
        queue AS alert_queue,
        agent_id AS alert_agent,
        severity,
        trigger,
        customer_rolling AS rolling_at_alert,
        message,
        text
    FROM ringstream.sentiment_alerts FINAL
    WHERE tenant = ${tenant:singlequote}
      AND (queue IN (${queue:singlequote}) OR queue = '')
      AND $__dateFilter(event_date)
      AND $__timeFilter(event_time)
)
ANY LEFT JOIN
(
    SELECT contact_id, argMax(alerting, turn) AS still_alerting
    FROM ringstream.conversation_sentiment FINAL
    WHERE tenant = ${tenant:singlequote}
      AND contact_id IN
      (
          SELECT contact_id FROM ringstream.sentiment_alerts
          WHERE tenant = ${tenant:singlequote} AND $__dateFilter(event_date) AND $__timeFilter(event_time)
      )
    GROUP BY contact_id
) USING (contact_id)
ORDER BY alert_time_ms DESC, contact
LIMIT 50
