package io.ringstream.routing.security;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.DefaultJwtAuthenticationFactory;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.ringstream.security.tokens.TokenClaims;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a token whose signature Micronaut Security has checked into a {@link Caller}, for our own
 * tokens and an identity provider's alike. Our tokens carry {@code tenant} and {@code roles}; an
 * identity provider's carry them in the claims {@link SecurityProperties} names (a dotted path
 * reaches into objects, e.g. Keycloak's {@code realm_access.roles}). A token from an issuer we do
 * not trust, or without an expiry, subject, tenant or known role, authenticates nobody: 401.
 */
@Singleton
@Replaces(DefaultJwtAuthenticationFactory.class)
public class ClaimsAuthenticationFactory implements JwtAuthenticationFactory {
    private static final Logger LOG = LoggerFactory.getLogger(ClaimsAuthenticationFactory.class);

    private final SecurityProperties properties;

    public ClaimsAuthenticationFactory(SecurityProperties properties) {
        this.properties = properties;
    }

    @Override
    public Optional<Authentication> createAuthentication(JWT token) {
        try {
            return caller(token.getJWTClaimsSet()).map(Callers::authentication);
        } catch (ParseException | IllegalArgumentException e) {
            LOG.debug("token refused: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Caller> caller(JWTClaimsSet claims) {
        String issuer = claims.getIssuer();
        boolean ours = TokenClaims.ISSUER.equals(issuer);
        boolean trustedProvider =
                properties.getOidcIssuer() != null && properties.getOidcIssuer().equals(issuer);
        if ((!ours && !trustedProvider) || claims.getExpirationTime() == null) {
            return Optional.empty();
        }
        Object roles =
                claim(
                        claims.getClaims(),
                        ours ? TokenClaims.ROLES : properties.getOidcRolesClaim());
        Object tenant =
                claim(
                        claims.getClaims(),
                        ours ? TokenClaims.TENANT : properties.getOidcTenantClaim());
        if (tenant == null && !ours) {
            tenant = properties.getOidcTenant();
        }
        Set<Role> known = roles(roles);
        if (claims.getSubject() == null || !(tenant instanceof String t) || known.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Caller(claims.getSubject(), t, known));
    }

    /** The value at a dotted path of claims, or null. */
    static Object claim(Map<String, Object> claims, String path) {
        Object value = claims;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(part);
        }
        return value;
    }

    /** Roles from a list, or from a space- or comma-separated string; unknown names are ignored. */
    static Set<Role> roles(Object value) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (value instanceof Collection<?> names) {
            names.forEach(n -> Role.parse(String.valueOf(n)).ifPresent(roles::add));
        } else if (value instanceof String names) {
            for (String n : names.split("[\\s,]+")) {
                Role.parse(n).ifPresent(roles::add);
            }
        }
        return roles;
    }
}
