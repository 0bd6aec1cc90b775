package io.ringstream.routing.route;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.ringstream.events.Channel;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * The PBX asking where a contact goes. Asking again for the same contact is safe: it is queued
 * once, and the answer is its current target or its current place in the queue.
 *
 * @param tenant default {@code default}
 * @param contactId the PBX's id of the call (Asterisk: the caller channel's Uniqueid)
 * @param channel default VOICE
 * @param skills required skill to minimum proficiency 1..5
 * @param language ISO 639-1 language of the customer; null when any will do
 * @param priority higher goes first; default 0
 * @param customerId the CRM customer, when the PBX knows it (caller id lookup)
 * @param waitMillis how long to wait for an agent before answering WAIT; default the service's
 *     {@code ringstream.routing.route-wait}, at most 30 000
 * @param transferFrom on a transfer that keeps the contact id, the offer the contact leaves (the
 *     {@code offerId} of the CONNECT answer that reached the transferring agent): that agent wraps
 *     up and the contact is routed again in {@code queue}. Repeat it on every ask of the transfer's
 *     wait loop: it is sent once, and an instance that did not see the first ask still must not
 *     connect the caller back.
 */
@Serdeable
@Schema(description = "A route request from the PBX")
public record RouteRequest(
        @Nullable String tenant,
        String contactId,
        String queue,
        @Nullable Channel channel,
        @Nullable Map<String, Integer> skills,
        @Nullable String language,
        @Nullable Integer priority,
        @Nullable String customerId,
        @Nullable Long waitMillis,
        @Nullable String transferFrom) {}
