package io.ringstream.security.tokens;

/**
 * A bearer token that proves nothing: malformed, signed with another key, from another issuer,
 * expired, or without a subject, tenant or role. The message is safe to show the caller.
 */
public final class InvalidTokenException extends Exception {
    public InvalidTokenException(String message) {
        super(message);
    }
}
