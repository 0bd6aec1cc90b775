package io.ringstream.security.credentials;

import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import java.util.Set;

/**
 * A machine client (a PBX bridge, a speech-to-text engine) that gets tokens with client
 * credentials. Its id is unique across tenants, and it acts in the one tenant it is bound to.
 */
public record ClientRecord(String clientId, String tenant, Set<Role> roles, String secretHash) {
    public ClientRecord {
        roles = Set.copyOf(roles);
        new Caller(clientId, tenant, roles); // validates both names
    }

    public Caller caller() {
        return new Caller(clientId, tenant, roles);
    }
}
