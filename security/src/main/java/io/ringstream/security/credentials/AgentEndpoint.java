package io.ringstream.security.credentials;

import io.ringstream.security.Caller;

/**
 * Where the PBX rings an agent (e.g. {@code PJSIP/1001}), set by an admin or supervisor and never
 * by the agent itself (see {@link io.ringstream.security.endpoints.EndpointPolicy} for why). Kept
 * apart from {@link UserRecord} because agents signed in through an identity provider have no user
 * record here but still need an endpoint.
 */
public record AgentEndpoint(String tenant, String agentId, String endpoint) {
    public AgentEndpoint {
        Caller.of(agentId, tenant); // validates both names
    }
}
