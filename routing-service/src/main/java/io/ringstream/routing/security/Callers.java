package io.ringstream.routing.security;

import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import io.ringstream.routing.web.ProblemException;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The authorization rules every controller applies beyond its {@code @Secured} roles, and the one
 * place a Micronaut {@link Authentication} becomes a {@link Caller} and back. The tenant always
 * comes from the caller; a request may repeat it, but naming another tenant is refused with 403.
 */
public final class Callers {
    static final String TENANT = "tenant";

    private Callers() {}

    static Authentication authentication(Caller caller) {
        return Authentication.build(
                caller.subject(),
                caller.roles().stream().map(Role::name).sorted().toList(),
                Map.of(TENANT, caller.tenant()));
    }

    /** The caller behind a request that Micronaut Security let through. */
    public static Caller of(Authentication authentication) {
        if (authentication == null
                || !(authentication.getAttributes().get(TENANT) instanceof String tenant)) {
            throw forbidden("no caller");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        authentication.getRoles().forEach(r -> Role.parse(r).ifPresent(roles::add));
        return new Caller(authentication.getName(), tenant, roles);
    }

    /**
     * The tenant the request acts in: the caller's. {@code requested} (from a query or body) may be
     * absent or the same; any other tenant is refused.
     */
    public static String tenant(Caller caller, String requested) {
        if (requested != null && !requested.equals(caller.tenant())) {
            throw forbidden(
                    "the token is for tenant '" + caller.tenant() + "', not '" + requested + "'");
        }
        return caller.tenant();
    }

    /** An agent acts only as itself: the agent id in the path must be the token's subject. */
    public static void ownAgent(Caller caller, String agentId) {
        if (!caller.has(Role.AGENT) || !caller.subject().equals(agentId)) {
            throw forbidden(
                    "agent '" + caller.subject() + "' cannot act as agent '" + agentId + "'");
        }
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
    }
}
