package io.ringstream.sentiment.job;

import io.ringstream.events.InteractionEvent;
import io.ringstream.sentiment.UtteranceScore;

/**
 * An interaction event with its sentiment (or the reason it has none): what the scoring step hands
 * to the rolling step and to {@code utterance_sentiment}. Flat fields so Flink ships it with its
 * POJO serializer.
 *
 * @param language ISO 639-1 code, null when undetermined
 * @param languageSource GIVEN, DETECTED or UNDETERMINED
 * @param model the model's name, null when unscored
 * @param score null when unscored
 * @param label the model's five-way label, null when unscored
 * @param confidence null when unscored
 * @param unscoredReason null when scored
 * @param scoredAt processing time the score was produced, epoch millis
 * @param scoringMillis how long scoring took (wall clock, including language detection)
 */
public record ScoredUtterance(
        String eventId,
        String tenant,
        String contactId,
        String channel,
        String type,
        String speaker,
        long eventTime,
        String source,
        String text,
        String language,
        String languageSource,
        String model,
        Double score,
        String label,
        Double confidence,
        String unscoredReason,
        long scoredAt,
        double scoringMillis) {

    public static ScoredUtterance of(
            InteractionEvent e, UtteranceScore s, long scoredAt, double scoringMillis) {
        return new ScoredUtterance(
                e.eventId(),
                e.tenant(),
                e.contactId(),
                e.channel().name(),
                e.type().name(),
                e.speaker().name(),
                e.eventTime(),
                e.source(),
                e.text(),
                s.language(),
                s.languageSource().name(),
                s.model(),
                s.isScored() ? s.sentiment().score() : null,
                s.isScored() ? s.sentiment().label().name() : null,
                s.isScored() ? s.sentiment().confidence() : null,
                s.unscoredReason(),
                scoredAt,
                scoringMillis);
    }

    /** Stored unscored because scoring did not happen at all (timeout, pool failure). */
    public static ScoredUtterance unscored(
            InteractionEvent e, String reason, long scoredAt, double scoringMillis) {
        return new ScoredUtterance(
                e.eventId(),
                e.tenant(),
                e.contactId(),
                e.channel().name(),
                e.type().name(),
                e.speaker().name(),
                e.eventTime(),
                e.source(),
                e.text(),
                e.language(),
                e.language() == null ? "UNDETERMINED" : "GIVEN",
                null,
                null,
                null,
                null,
                reason,
                scoredAt,
                scoringMillis);
    }

    public boolean scored() {
        return score != null;
    }
}
