package io.ringstream.routing.funnels;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code PUT /v1/admin/funnels/{funnelId}}: a {@code FunnelDefinition} without its
 * envelope (schema version, event id, tenant, time, source), which the service fills. Enum fields
 * are text so that an unknown value is listed with the other violations (422) rather than failing
 * the body's parsing.
 *
 * @param windowMillis the conversion window in milliseconds
 * @param orderMode {@code ORDERED} or {@code STRICT}
 * @param attribution {@code FIRST_TOUCH}, {@code LAST_TOUCH} or {@code PRECEDING_CONTACT}
 * @param active false withdraws the funnel; default true
 */
@Serdeable
public record FunnelRequest(
        @Nullable String name,
        @Nullable List<StepRequest> steps,
        @Nullable Long windowMillis,
        @Nullable String orderMode,
        @Nullable String attribution,
        @Nullable Boolean active) {

    /**
     * One step.
     *
     * @param kind {@code BUSINESS} or {@code CONTACT}
     * @param eventType a business or contact event type name, e.g. {@code BOOKING_MADE}
     * @param stage for BUSINESS {@code STAGE_CHANGED} only: the new stage; null matches any
     * @param attributes filters {@code name → value}; empty or null matches any
     */
    @Serdeable
    public record StepRequest(
            @Nullable String name,
            @Nullable String kind,
            @Nullable String eventType,
            @Nullable String stage,
            @Nullable Map<String, String> attributes) {}
}
