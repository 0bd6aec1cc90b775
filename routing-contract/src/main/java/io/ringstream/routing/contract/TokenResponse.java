package io.ringstream.routing.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * routing-service's answer to a login or a client-credentials request, in OAuth 2.0's shape (RFC
 * 6749 section 5.1) so that ordinary OAuth client libraries can read it. The telephony bridge reads
 * it with this same type.
 */
@JsonClassDescription("A bearer token: send it as `Authorization: Bearer <access_token>`.")
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresInSeconds) {

    /** The only token type Ringstream issues. */
    public static final String BEARER = "Bearer";

    public static TokenResponse bearer(String token, long expiresInSeconds) {
        return new TokenResponse(token, BEARER, expiresInSeconds);
    }
}
