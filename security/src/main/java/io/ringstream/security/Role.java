package io.ringstream.security;

import java.util.Locale;
import java.util.Optional;

/**
 * What a caller may do. Humans are agents, supervisors and admins; machines (the PBX bridge, a
 * speech-to-text engine) are PBX or INGEST clients. See docs/security.md for the full table.
 */
public enum Role {
    /** Its own state, offers and assignment stream, in its tenant. */
    AGENT,
    /** Live views, alerts, queues, agents, and SLA and routing policy, in its tenant. */
    SUPERVISOR,
    /** Route requests and contact end or abandon, in the tenant of its credentials. */
    PBX,
    /** Transcript segments and other machine-fed events, in the tenant of its credentials. */
    INGEST,
    /** Users, machine clients and tenants; sees no contact data. */
    ADMIN;

    /** The role named {@code name} in any case, with an optional {@code ROLE_} prefix. */
    public static Optional<Role> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String upper = name.trim().toUpperCase(Locale.ROOT);
        if (upper.startsWith("ROLE_")) {
            upper = upper.substring("ROLE_".length());
        }
        for (Role role : values()) {
            if (role.name().equals(upper)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
