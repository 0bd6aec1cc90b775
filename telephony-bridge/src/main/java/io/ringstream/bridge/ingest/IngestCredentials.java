package io.ringstream.bridge.ingest;

import io.ringstream.events.Tenants;
import io.ringstream.secrets.Hmac;
import io.ringstream.secrets.Secrets;
import io.ringstream.security.Caller;
import io.ringstream.security.tokens.SigningKey;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * What the transcript ingest checks callers against, so that no request is taken on its word. A
 * request proves itself one of two ways:
 *
 * <ul>
 *   <li>{@code Authorization: Bearer <token>}: a token routing-service signed (HS256) with the
 *       shared key from {@code RINGSTREAM_JWT_SECRET} or the file named by {@code
 *       RINGSTREAM_JWT_SECRET_FILE} (at least 32 bytes). The token needs role {@code INGEST}; the
 *       request acts in the token's tenant.
 *   <li>{@code X-Ringstream-Signature: sha256=<hex>}: the HMAC-SHA256 of the raw body with the key
 *       from {@code RINGSTREAM_INGEST_HMAC_SECRET} or {@code RINGSTREAM_INGEST_HMAC_SECRET_FILE}
 *       (at least 16 bytes). The request acts in {@code RINGSTREAM_INGEST_HMAC_TENANT} (default
 *       {@code default}).
 * </ul>
 *
 * Either or both may be configured; with neither the ingest does not start. Each secret comes from
 * its variable or its {@code _FILE}, never both, never from a command line; {@link #toString()}
 * names which are configured and never prints them.
 *
 * @param jwtKey the token key, or null when bearer tokens are not accepted
 * @param hmac the signature key, or null when signed bodies are not accepted
 * @param hmacTenant the tenant signed bodies act in
 */
public record IngestCredentials(SigningKey jwtKey, Hmac hmac, String hmacTenant) {
    public static final String ENV_JWT_SECRET = "RINGSTREAM_JWT_SECRET";
    public static final String ENV_HMAC_SECRET = "RINGSTREAM_INGEST_HMAC_SECRET";
    public static final String ENV_HMAC_TENANT = "RINGSTREAM_INGEST_HMAC_TENANT";

    /** Nothing configured: the ingest refuses to start with it. */
    public static final IngestCredentials NONE = new IngestCredentials(null, null, Tenants.DEFAULT);

    public IngestCredentials {
        hmacTenant = hmacTenant == null ? Tenants.DEFAULT : hmacTenant;
        if (!Caller.NAME.matcher(hmacTenant).matches()) {
            throw new IllegalArgumentException(
                    ENV_HMAC_TENANT + " must match " + Caller.NAME.pattern());
        }
    }

    /** Bearer tokens signed with {@code key}. */
    public static IngestCredentials tokens(SigningKey key) {
        return NONE.withTokens(key);
    }

    public IngestCredentials withTokens(SigningKey key) {
        return new IngestCredentials(key, hmac, hmacTenant);
    }

    /** Bodies signed with {@code key}, acting in {@code tenant}. */
    public IngestCredentials withHmac(Hmac key, String tenant) {
        return new IngestCredentials(jwtKey, key, tenant);
    }

    public boolean isEmpty() {
        return jwtKey == null && hmac == null;
    }

    /** The error a start without credentials fails with, naming every variable that fixes it. */
    public static String missingMessage() {
        return "the transcript ingest needs credentials to check callers: set "
                + ENV_JWT_SECRET
                + " (or "
                + ENV_JWT_SECRET
                + Secrets.FILE_SUFFIX
                + ") to accept bearer tokens, and/or "
                + ENV_HMAC_SECRET
                + " (or "
                + ENV_HMAC_SECRET
                + Secrets.FILE_SUFFIX
                + ") to accept HMAC-signed bodies";
    }

    /**
     * Reads the variables above.
     *
     * @throws IllegalArgumentException when neither secret is set, or naming a malformed one (never
     *     its value)
     */
    public static IngestCredentials fromEnv(Map<String, String> env) {
        Secrets secrets = Secrets.from(env);
        Optional<String> jwt = read(secrets, ENV_JWT_SECRET);
        Optional<String> signing = read(secrets, ENV_HMAC_SECRET);
        if (jwt.isEmpty() && signing.isEmpty()) {
            throw new IllegalArgumentException(missingMessage());
        }
        String tenant = env.getOrDefault(ENV_HMAC_TENANT, Tenants.DEFAULT).trim();
        try {
            return new IngestCredentials(
                    jwt.map(SigningKey::fromSecret).orElse(null),
                    signing.map(Hmac::withSecret).orElse(null),
                    tenant.isEmpty() ? Tenants.DEFAULT : tenant);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("transcript ingest credentials: " + e.getMessage());
        }
    }

    private static Optional<String> read(Secrets secrets, String name) {
        try {
            return secrets.optional(name);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Says what is accepted, never a secret. */
    @Override
    public String toString() {
        return "IngestCredentials[bearerTokens="
                + (jwtKey != null)
                + ", hmac="
                + (hmac != null ? "tenant " + hmacTenant : "false")
                + "]";
    }
}
