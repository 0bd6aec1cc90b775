package io.ringstream.routing.timeline;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of a customer's timeline, newest first.
 *
 * @param customerId the customer whose timeline this is: the survivor when a merged id was asked
 * @param nextBefore pass as {@code before} for the next (older) page; null on the last page
 * @param partial true when a source did not answer: the page holds the other sources' items only,
 *     and a retry may show more
 * @param failedSources the sources that did not answer: {@code contacts}, {@code messages}, {@code
 *     sla-events}, {@code segment-changes} (ClickHouse), {@code lead-stage-changes}, {@code
 *     business-events}, {@code notes}
 */
@Serdeable
public record TimelinePage(
        String customerId,
        List<TimelineItem> items,
        @Nullable String nextBefore,
        boolean partial,
        List<String> failedSources) {}
