package io.ringstream.routing.core;

import java.io.Serializable;

/**
 * A reservation of one agent for one contact, pending until accepted, rejected, timed out or
 * rescinded. Its id is derived from tenant, contact, attempt and agent, so a replay gives the same
 * id.
 */
public record Offer(
        String offerId,
        String contactId,
        String agentId,
        String queue,
        int stepIndex,
        long offeredAtMillis,
        long expiresAtMillis)
        implements Serializable {}
