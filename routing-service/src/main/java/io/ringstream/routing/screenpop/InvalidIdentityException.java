package io.ringstream.routing.screenpop;

/**
 * A channel identity that the tenant's normalisation refuses (an e-mail without {@code @}, a phone
 * number that is none): the route request is invalid, and the gateway gets a 422 problem.
 */
public final class InvalidIdentityException extends RuntimeException {
    public InvalidIdentityException(String message) {
        super(message, null, false, false);
    }
}
