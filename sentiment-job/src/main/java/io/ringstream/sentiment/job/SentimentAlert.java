package io.ringstream.sentiment.job;

import io.ringstream.events.EventIds;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.events.topics.Components;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A customer turning negative, with the figures behind it: a row of {@code sentiment_alerts} and,
 * as a {@link SupervisorAlert} of kind NEGATIVE_SENTIMENT, a message on {@code supervisor-alerts}
 * (routing-service streams it to supervisors and prefers a senior agent on transfer).
 *
 * @param alertId stable per tenant, contact and episode, so a re-emitted alert is recognized
 * @param trigger THRESHOLD or DROP
 * @param severity WARNING or CRITICAL
 * @param eventTime the event time of the utterance that raised it
 * @param raisedAt processing time, epoch millis
 */
public record SentimentAlert(
        String alertId,
        String tenant,
        String contactId,
        int episode,
        String trigger,
        String severity,
        long eventTime,
        int turn,
        int customerTurn,
        double customerRolling,
        double dropAmount,
        double threshold,
        double trend,
        String utteranceEventId,
        String text,
        String language,
        String model,
        String queue,
        String agentId,
        String message,
        long raisedAt) {

    /** Who raises these, in SupervisorAlert.source and dead letters. */
    public static final String SOURCE = Components.SENTIMENT_JOB;

    public static String alertId(String tenant, String contactId, int episode) {
        return EventIds.of("sentiment-alert", tenant, contactId, Integer.toString(episode));
    }

    /** The one line a wallboard shows. */
    public static String message(
            String trigger, double rolling, double threshold, double drop, int turns) {
        return trigger.equals("DROP")
                ? String.format(
                        Locale.ROOT,
                        "Customer sentiment dropped %.2f within %d turns to %.2f",
                        drop,
                        turns,
                        rolling)
                : String.format(
                        Locale.ROOT,
                        "Customer sentiment fell to %.2f (threshold %.2f)",
                        rolling,
                        threshold);
    }

    public SupervisorAlert toSupervisorAlert() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("score", format(customerRolling));
        attributes.put("threshold", format(threshold));
        attributes.put("trigger", trigger);
        attributes.put("drop", format(dropAmount));
        attributes.put("trend", format(trend));
        attributes.put("episode", Integer.toString(episode));
        attributes.put("turn", Integer.toString(turn));
        attributes.put("utteranceEventId", utteranceEventId);
        if (language != null) {
            attributes.put("language", language);
        }
        if (model != null) {
            attributes.put("model", model);
        }
        return SupervisorAlert.of(
                alertId,
                SupervisorAlert.Kind.NEGATIVE_SENTIMENT,
                tenant,
                contactId,
                eventTime,
                SOURCE,
                queue,
                agentId,
                SupervisorAlert.Severity.valueOf(severity),
                message,
                attributes);
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
