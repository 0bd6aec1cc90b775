package io.ringstream.routing.agents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.ringstream.events.Channel;
import java.util.List;
import java.util.Map;

/**
 * An agent's profile at log-in.
 *
 * @param tenant optional; must be the token's tenant
 * @param endpoint optional; an agent cannot choose where the PBX rings it (toll fraud): the
 *     endpoint a supervisor set is used, and any other value is refused with 403
 * @param skills skill to proficiency 1..5
 * @param languages ISO 639-1 languages spoken
 * @param queues the queues served (at least one)
 * @param capacity channel to the most contacts at once; default one voice contact
 * @param seniority 1..5, default 1; "prefer senior" hints pick the highest
 */
@Serdeable
public record AgentLoginRequest(
        @Nullable String tenant,
        @Nullable String endpoint,
        @Nullable Map<String, Integer> skills,
        @Nullable List<String> languages,
        List<String> queues,
        @Nullable Map<Channel, Integer> capacity,
        @Nullable Integer seniority) {}
