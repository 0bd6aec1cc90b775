package io.ringstream.bridge.agi;

import java.util.Map;

/**
 * What the dialplan asks about one call, taken from the AGI URL's parameters.
 *
 * @param skills required skill to minimum proficiency
 * @param waitMillis how long routing-service may wait for an agent before answering
 * @param transferFrom the offer a transferred caller leaves; null when this is no transfer
 */
public record RouteRequest(
        String tenant,
        String contactId,
        String queue,
        String channel,
        Map<String, Integer> skills,
        String language,
        Integer priority,
        String customerId,
        Long waitMillis,
        String transferFrom) {}
