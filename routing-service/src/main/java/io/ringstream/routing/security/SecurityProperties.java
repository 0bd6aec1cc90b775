package io.ringstream.routing.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Who may call routing-service and how tokens are issued, {@code ringstream.security.*}, each
 * default stated here once. Secrets are never properties: the signing key comes from {@code
 * RINGSTREAM_JWT_SECRET} or {@code RINGSTREAM_JWT_SECRET_FILE} (see {@link SecurityFactory}).
 * docs/security.md lists the environment variables that set these.
 */
@ConfigurationProperties(SecurityProperties.PREFIX)
public class SecurityProperties {
    public static final String PREFIX = "ringstream.security";

    private Path usersFile;
    private Path jwtSecretFile;
    private int bcryptCost = io.ringstream.security.credentials.PasswordHasher.DEFAULT_COST;
    private Duration userTokenTtl = Duration.ofMinutes(30);
    private Duration clientTokenTtl = Duration.ofHours(1);
    private List<String> allowedOrigins = List.of();
    private String oidcIssuer;
    private String oidcRolesClaim = "roles";
    private String oidcTenantClaim = "tenant";
    private String oidcTenant;
    private boolean secureSessionCookie;

    /**
     * {@code users-file} (env RINGSTREAM_USERS_FILE): the JSON credential store of users, machine
     * clients, tenants and agents' endpoints. Required.
     */
    public Path getUsersFile() {
        return usersFile;
    }

    public void setUsersFile(Path usersFile) {
        this.usersFile = usersFile;
    }

    /**
     * {@code jwt-secret-file}: a key file that is created (owner-only) when missing; used when
     * neither RINGSTREAM_JWT_SECRET nor RINGSTREAM_JWT_SECRET_FILE is set (tests).
     */
    public Path getJwtSecretFile() {
        return jwtSecretFile;
    }

    public void setJwtSecretFile(Path jwtSecretFile) {
        this.jwtSecretFile = jwtSecretFile;
    }

    /** {@code bcrypt-cost}: the work factor of new password hashes. Default 12. */
    public int getBcryptCost() {
        return bcryptCost;
    }

    public void setBcryptCost(int bcryptCost) {
        this.bcryptCost = bcryptCost;
    }

    /** {@code user-token-ttl}: how long a person's token lives. Default 30 min. */
    public Duration getUserTokenTtl() {
        return userTokenTtl;
    }

    public void setUserTokenTtl(Duration userTokenTtl) {
        this.userTokenTtl = userTokenTtl;
    }

    /** {@code client-token-ttl}: how long a machine client's token lives. Default 1 h. */
    public Duration getClientTokenTtl() {
        return clientTokenTtl;
    }

    public void setClientTokenTtl(Duration clientTokenTtl) {
        this.clientTokenTtl = clientTokenTtl;
    }

    /**
     * {@code allowed-origins} (env RINGSTREAM_ALLOWED_ORIGINS, comma-separated): browser origins
     * besides the service's own that may send state-changing requests. Default none.
     */
    public List<String> getAllowedOrigins() {
        return allowedOrigins;
    }

    public void setAllowedOrigins(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    /**
     * {@code oidc-issuer} (env RINGSTREAM_OIDC_ISSUER): the {@code iss} of an identity provider
     * whose tokens are accepted, checked against RINGSTREAM_OIDC_JWKS_URL's keys. Default none:
     * only routing-service's own tokens.
     */
    public String getOidcIssuer() {
        return oidcIssuer;
    }

    public void setOidcIssuer(String oidcIssuer) {
        this.oidcIssuer = oidcIssuer;
    }

    /**
     * {@code oidc-roles-claim} (env RINGSTREAM_OIDC_ROLES_CLAIM): where an identity provider's
     * token carries the roles; a dotted path reaches into objects ({@code realm_access.roles} for
     * Keycloak). Default {@code roles}.
     */
    public String getOidcRolesClaim() {
        return oidcRolesClaim;
    }

    public void setOidcRolesClaim(String oidcRolesClaim) {
        this.oidcRolesClaim = oidcRolesClaim;
    }

    /**
     * {@code oidc-tenant-claim} (env RINGSTREAM_OIDC_TENANT_CLAIM): the claim naming the caller's
     * tenant in an identity provider's token. Default {@code tenant}.
     */
    public String getOidcTenantClaim() {
        return oidcTenantClaim;
    }

    public void setOidcTenantClaim(String oidcTenantClaim) {
        this.oidcTenantClaim = oidcTenantClaim;
    }

    /**
     * {@code oidc-tenant} (env RINGSTREAM_OIDC_TENANT): the tenant of identity-provider tokens that
     * carry no tenant claim (one company, one tenant). Default none: such tokens are refused.
     */
    public String getOidcTenant() {
        return oidcTenant;
    }

    public void setOidcTenant(String oidcTenant) {
        this.oidcTenant = oidcTenant;
    }

    /**
     * {@code secure-session-cookie} (env RINGSTREAM_SECURITY_SECURE_SESSION_COOKIE): mark the
     * wallboard's session cookie {@code Secure}, so browsers send it over https only. Default
     * false: {@code up} serves plain http on 127.0.0.1. Set it behind a TLS proxy.
     */
    public boolean isSecureSessionCookie() {
        return secureSessionCookie;
    }

    public void setSecureSessionCookie(boolean secureSessionCookie) {
        this.secureSessionCookie = secureSessionCookie;
    }
}
