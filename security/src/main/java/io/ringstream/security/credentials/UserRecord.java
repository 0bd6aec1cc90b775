package io.ringstream.security.credentials;

import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import java.util.Set;

/**
 * A person who logs in: agent, supervisor or admin. Users are named within their tenant (two
 * tenants may both have agent 1001), and an agent's user name is its agent id. An agent's endpoint
 * is not part of its login: see {@link AgentEndpoint}.
 */
public record UserRecord(String tenant, String username, Set<Role> roles, String passwordHash) {
    public UserRecord {
        roles = Set.copyOf(roles);
        new Caller(username, tenant, roles); // validates both names
    }

    public Caller caller() {
        return new Caller(username, tenant, roles);
    }

    public UserRecord withPasswordHash(String newHash) {
        return new UserRecord(tenant, username, roles, newHash);
    }
}
