package io.ringstream.bridge.ingest;

import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.ringstream.security.tokens.InvalidTokenException;
import io.ringstream.security.tokens.TokenVerifier;
import java.time.Clock;
import java.util.Locale;

/**
 * Decides which tenant a transcript request acts in, from its bearer token or its body's HMAC
 * signature ({@link IngestCredentials}), or refuses it. Plain Java over header values and the raw
 * body, so every rule is unit-tested without a socket.
 */
public final class IngestAuthenticator {
    /** The header carrying {@code sha256=<hex>}, the HMAC-SHA256 of the raw body. */
    public static final String SIGNATURE_HEADER = "X-Ringstream-Signature";

    private static final String BEARER = "bearer ";

    private final TokenVerifier tokens;
    private final IngestCredentials credentials;

    public IngestAuthenticator(IngestCredentials credentials, Clock clock) {
        if (credentials.isEmpty()) {
            throw new IllegalStateException(IngestCredentials.missingMessage());
        }
        this.credentials = credentials;
        this.tokens =
                credentials.jwtKey() == null
                        ? null
                        : new TokenVerifier(credentials.jwtKey(), clock);
    }

    /**
     * The tenant of a request with these headers and body. A bearer token wins over a signature
     * when both are sent.
     *
     * @param authorization the {@code Authorization} header, or null
     * @param signature the {@link #SIGNATURE_HEADER} header, or null
     * @throws AccessDenied 401 without valid credentials, 403 for a token without role INGEST
     */
    public String tenantOf(String authorization, String signature, byte[] body)
            throws AccessDenied {
        if (authorization != null) {
            return tokenTenant(authorization);
        }
        if (signature != null) {
            if (credentials.hmac() == null) {
                throw AccessDenied.unauthorized(
                        "signed bodies are not accepted here: send Authorization: Bearer <token>");
            }
            if (!credentials.hmac().verify(body, signature.trim())) {
                throw AccessDenied.unauthorized(
                        SIGNATURE_HEADER + " is not the HMAC-SHA256 of this body");
            }
            return credentials.hmacTenant();
        }
        throw AccessDenied.unauthorized(
                "send Authorization: Bearer <token with role INGEST>"
                        + (credentials.hmac() == null
                                ? ""
                                : " or "
                                        + SIGNATURE_HEADER
                                        + ": sha256=<HMAC-SHA256 of the body>"));
    }

    private String tokenTenant(String authorization) throws AccessDenied {
        if (!authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw AccessDenied.unauthorized("only Authorization: Bearer <token> is accepted");
        }
        if (tokens == null) {
            throw AccessDenied.unauthorized(
                    "bearer tokens are not accepted here: sign the body ("
                            + SIGNATURE_HEADER
                            + ")");
        }
        Caller caller;
        try {
            caller = tokens.verify(authorization.substring(BEARER.length()));
        } catch (InvalidTokenException e) {
            throw AccessDenied.unauthorized(e.getMessage());
        }
        if (!caller.has(Role.INGEST)) {
            throw AccessDenied.forbidden("the token's roles do not include INGEST");
        }
        return caller.tenant();
    }
}
