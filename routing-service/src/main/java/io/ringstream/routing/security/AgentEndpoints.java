package io.ringstream.routing.security;

import io.micronaut.http.HttpStatus;
import io.ringstream.routing.web.ProblemException;
import io.ringstream.security.credentials.AgentEndpoint;
import io.ringstream.security.credentials.CredentialStore;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The one place agents' endpoints are set and read, each time checked against the tenant's {@link
 * io.ringstream.security.endpoints.EndpointPolicy}: when a supervisor or admin sets one, when an
 * agent logs in with it, and before routing-service hands it to the PBX's {@code Dial()}.
 */
@Singleton
public class AgentEndpoints {
    private final CredentialStore store;

    public AgentEndpoints(CredentialStore store) {
        this.store = store;
    }

    /** Sets the agent's endpoint, refusing (400) one the tenant's policy does not allow. */
    public void set(String tenant, String agentId, String endpoint) {
        store.endpointPolicy(tenant)
                .problem(endpoint)
                .ifPresent(
                        p -> {
                            throw new ProblemException(
                                    HttpStatus.BAD_REQUEST,
                                    "endpoint-refused",
                                    "Endpoint refused",
                                    p);
                        });
        store.putEndpoint(new AgentEndpoint(tenant, agentId, endpoint));
    }

    public Optional<String> get(String tenant, String agentId) {
        return store.endpoint(tenant, agentId);
    }

    /**
     * The endpoint an agent logs in with: the one set for it. An agent that names another is
     * refused (403); one with none set yet gets 409 and asks its supervisor.
     */
    public String forLogin(String tenant, String agentId, String requested) {
        String endpoint =
                get(tenant, agentId)
                        .orElseThrow(
                                () ->
                                        new ProblemException(
                                                HttpStatus.CONFLICT,
                                                "no-endpoint",
                                                "No endpoint",
                                                "agent '"
                                                        + agentId
                                                        + "' has no endpoint yet; a supervisor"
                                                        + " sets it with PUT /v1/agents/"
                                                        + agentId
                                                        + "/endpoint"));
        if (requested != null && !requested.equals(endpoint)) {
            throw Callers.forbidden("an agent's endpoint is set by a supervisor, not at login");
        }
        if (!allowed(tenant, endpoint)) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "endpoint-refused",
                    "Endpoint refused",
                    "agent '" + agentId + "' has an endpoint the tenant's policy no longer allows");
        }
        return endpoint;
    }

    /** Whether {@code endpoint} may be dialled for the tenant now. */
    public boolean allowed(String tenant, String endpoint) {
        return store.endpointPolicy(tenant).allows(endpoint);
    }
}
