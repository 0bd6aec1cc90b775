package io.ringstream.routing.timeline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * One thing that happened to a customer, as the timeline shows it: when, what kind, a short title
 * for a list, and the kind's typed details.
 *
 * @param time when it happened, ISO-8601 UTC with milliseconds (a call: when it arrived)
 * @param kind {@code CONTACT}, {@code MESSAGE}, {@code TRANSCRIPT_LINE}, {@code SLA_WARNING},
 *     {@code SLA_BREACH}, {@code STAGE_CHANGE}, {@code BOOKING}, {@code PAYMENT}, {@code NOTE} or
 *     {@code SEGMENT_CHANGE}
 * @param id the item's id within its kind (a contact id, an event id, a note id, ...)
 */
@Serdeable
public record TimelineItem(
        String time,
        String kind,
        String id,
        String title,
        @Schema(
                        oneOf = {
                            TimelineDetails.Contact.class,
                            TimelineDetails.Utterance.class,
                            TimelineDetails.Sla.class,
                            TimelineDetails.StageChange.class,
                            TimelineDetails.Business.class,
                            TimelineDetails.Note.class,
                            TimelineDetails.SegmentChange.class
                        })
                TimelineDetails details) {

    static TimelineItem of(
            long timeMs, String kind, String id, String title, TimelineDetails details) {
        return new TimelineItem(Instant.ofEpochMilli(timeMs).toString(), kind, id, title, details);
    }

    /** Where this item sits in the timeline's order. */
    @JsonIgnore
    public TimelineCursor position() {
        return new TimelineCursor(Instant.parse(time).toEpochMilli(), kind, id);
    }

    /** {@code text} cut to {@code max} characters with an ellipsis, for titles. */
    static String shorten(String text, int max) {
        String flat = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }
}
