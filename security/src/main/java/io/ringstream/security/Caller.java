package io.ringstream.security;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who is calling, as proven by a token: the subject (an agent id, a user name or a client id), the
 * one tenant it acts in, and its roles. Every authorization decision is taken on this, never on
 * what a request says about itself.
 */
public record Caller(String subject, String tenant, Set<Role> roles) {
    /** Tenants, subjects and agent ids share the event ids' alphabet. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");

    public Caller {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(tenant, "tenant");
        if (!NAME.matcher(subject).matches()) {
            throw new IllegalArgumentException("subject must match " + NAME.pattern());
        }
        if (!NAME.matcher(tenant).matches()) {
            throw new IllegalArgumentException("tenant must match " + NAME.pattern());
        }
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public static Caller of(String subject, String tenant, Role... roles) {
        return new Caller(subject, tenant, Set.of(roles));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
