package io.ringstream.routing.agents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An optional body for accept and reject.
 *
 * @param reason why the agent rejects, for the audit trail
 */
@Serdeable
public record OfferAnswerRequest(@Nullable String tenant, @Nullable String reason) {}
