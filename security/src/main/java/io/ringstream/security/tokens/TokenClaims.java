package io.ringstream.security.tokens;

/**
 * The claims of a Ringstream token, declared once: routing-service's Micronaut Security
 * configuration, the bridge and the launcher all read these names.
 */
public final class TokenClaims {
    /** The issuer of tokens routing-service signs itself. */
    public static final String ISSUER = "ringstream";

    /** The tenant the caller acts in: one per token. */
    public static final String TENANT = "tenant";

    /** The caller's roles, a JSON array of {@link io.ringstream.security.Role} names. */
    public static final String ROLES = "roles";

    private TokenClaims() {}
}
