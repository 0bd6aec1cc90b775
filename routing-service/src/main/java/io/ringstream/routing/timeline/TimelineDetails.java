package io.ringstream.routing.timeline;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The typed part of a {@link TimelineItem}: one record per source, named by the item's kind. */
@Serdeable
public sealed interface TimelineDetails {

    /**
     * {@code CONTACT}: a call, chat or other contact, from all its contact events.
     *
     * @param queue the queue it was answered in, else the last queue it entered; {@code ""} for
     *     none
     * @param agentId the agent who answered it (the last one after transfers); {@code ""} for none
     * @param waitMs time in queue, summed over its queue stays that ended in an answer or abandon
     * @param talkMs talk time, summed over its TALK_ENDED events
     * @param outcome {@code ANSWERED}, {@code ABANDONED}, {@code UNANSWERED} (ended without either,
     *     e.g. dequeued) or {@code IN_PROGRESS}
     * @param lastEventTime when its latest event happened (ISO-8601)
     */
    @Serdeable
    record Contact(
            String contactId,
            String channel,
            String queue,
            String agentId,
            long waitMs,
            long talkMs,
            String outcome,
            String lastEventTime)
            implements TimelineDetails {}

    /**
     * {@code MESSAGE} (a chat or messaging message) or {@code TRANSCRIPT_LINE} (a voice transcript
     * segment), with its sentiment when a model scored it.
     *
     * @param speaker {@code CUSTOMER}, {@code AGENT} or {@code BOT}
     * @param score -1 (very negative) … 1 (very positive); null when unscored
     * @param label {@code VERY_NEGATIVE} … {@code VERY_POSITIVE}; {@code ""} when unscored
     */
    @Serdeable
    record Utterance(
            String contactId,
            String channel,
            String speaker,
            String text,
            String language,
            @Nullable Double score,
            String label,
            @Nullable Double confidence,
            String model)
            implements TimelineDetails {}

    /**
     * {@code SLA_WARNING} or {@code SLA_BREACH} on one of the customer's contacts.
     *
     * @param slaKind {@code ANSWER}, {@code FIRST_RESPONSE}, {@code REPLY_GAP}, {@code RESOLUTION},
     *     {@code HOLD}, {@code WRAP_UP}
     */
    @Serdeable
    record Sla(
            String contactId,
            String slaKind,
            String queue,
            String agentId,
            String channel,
            String policyId,
            long thresholdMs,
            long elapsedMs)
            implements TimelineDetails {}

    /** {@code STAGE_CHANGE}: a lead of the customer entered a stage. */
    @Serdeable
    record StageChange(
            String leadId,
            @Nullable String fromStage,
            String toStage,
            @Nullable String lostReason,
            String actor)
            implements TimelineDetails {}

    /**
     * {@code BOOKING} or {@code PAYMENT} reported by a booking system.
     *
     * @param amount a decimal, e.g. {@code 120.50}; null when not given
     */
    @Serdeable
    record Business(
            String eventId,
            @Nullable String leadId,
            @Nullable String contactId,
            @Nullable String amount,
            @Nullable String currency)
            implements TimelineDetails {}

    /**
     * {@code SEGMENT_CHANGE}: the customer's RFM segment on {@code asOf} differs from the one
     * before (docs/rfm.md), as the conversion job scored it.
     *
     * @param asOf the day the scores were measured at (the tenant's latest booking day), ISO-8601
     * @param fromSegment the segment before; null for the customer's first segment
     * @param rfm the recency, frequency and monetary quintile scores, e.g. {@code 545}
     * @param lifetimeValue the expected 12-month value then, e.g. {@code 152.40}; null before the
     *     tenant's first model fit
     * @param currency the bookings' currency
     */
    @Serdeable
    record SegmentChange(
            String asOf,
            @Nullable String fromSegment,
            String toSegment,
            String rfm,
            @Nullable String lifetimeValue,
            String currency)
            implements TimelineDetails {}

    /** {@code NOTE}: an agent's note. */
    @Serdeable
    record Note(String author, String body, @Nullable String leadId) implements TimelineDetails {}
}
