package io.ringstream.security.credentials;

import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import java.util.Set;

/**
 * A person who logs in: agent, supervisor or admin. Users are named within their tenant (two
 * tenants may both have agent 1001). An agent's user name is its agent id, and its endpoint (the
 * dial string the PBX rings) is set here by an admin or supervisor, never by the agent.
 *
 * @param endpoint the agent's endpoint, e.g. {@code PJSIP/1001}; null for non-agents
 */
public record UserRecord(
        String tenant, String username, Set<Role> roles, String passwordHash, String endpoint) {
    public UserRecord {
        roles = Set.copyOf(roles);
        new Caller(username, tenant, roles); // validates both names
    }

    public Caller caller() {
        return new Caller(username, tenant, roles);
    }

    public UserRecord withEndpoint(String newEndpoint) {
        return new UserRecord(tenant, username, roles, passwordHash, newEndpoint);
    }

    public UserRecord withPasswordHash(String newHash) {
        return new UserRecord(tenant, username, roles, newHash, endpoint);
    }
}
