package io.ringstream.channels.webhook;

/**
 * A signed webhook body that is not the provider's documented shape: not JSON, the wrong {@code
 * object}, or a required field missing or of the wrong type. Checked, so the endpoint must decide
 * (it dead-letters the raw body with {@link #getMessage()} as the reason); the parsers never let a
 * NullPointerException or a Jackson exception out instead.
 */
public final class MalformedPayloadException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedPayloadException(String reason) {
        super(reason);
    }

    public MalformedPayloadException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
