package io.ringstream.channels.webhook;

import io.ringstream.secrets.Hmac;

/**
 * The gate a webhook POST passes before its body is parsed: no larger than the provider's
 * documented maximum, and signed by the provider with our app secret ({@code X-Hub-Signature-256}
 * checked by {@link Hmac}, in constant time). Anything else is refused before it costs more than
 * reading the bytes, and the refusal says which rule failed.
 *
 * <p>The size is checked first, so an oversized body is never hashed; the endpoint can also refuse
 * on the declared {@code Content-Length} ({@link #tooLarge(long)}) before reading at all.
 */
public final class SignedDelivery {
    /**
     * WhatsApp Cloud API's documented webhook maximum ("Webhooks payloads can be up to 3MB"), read
     * as 3 MiB so that no delivery Meta considers valid is refused. Instagram's documentation names
     * no maximum; the same Meta webhook infrastructure sends it, so the same limit applies.
     */
    public static final int META_MAX_BODY_BYTES = 3 * 1024 * 1024;

    /** The header Meta signs its webhook deliveries in. */
    public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

    private final Hmac appSecret;
    private final int maxBodyBytes;

    /** A gate with Meta's documented size limit. */
    public SignedDelivery(Hmac appSecret) {
        this(appSecret, META_MAX_BODY_BYTES);
    }

    /** A gate with another size limit (tests, or a provider with its own). */
    public SignedDelivery(Hmac appSecret, int maxBodyBytes) {
        if (appSecret == null) {
            throw new IllegalArgumentException("an app secret is required");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("the body limit must be positive");
        }
        this.appSecret = appSecret;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Why a delivery was refused, with the HTTP status the endpoint answers. */
    public enum Reason {
        /** Larger than the limit: 413, before the body is read or hashed. */
        TOO_LARGE(413),
        /** No {@code X-Hub-Signature-256} header: 401. */
        UNSIGNED(401),
        /** A signature that is not our app secret's HMAC of these exact bytes: 401. */
        BAD_SIGNATURE(401);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        /** The status code the endpoint answers with. */
        public int httpStatus() {
            return httpStatus;
        }
    }

    /** The gate's verdict on one delivery. */
    public sealed interface Verdict permits Accepted, Refused {}

    /** Signed and within the limit: hand the raw body to the payload parser. */
    public record Accepted() implements Verdict {}

    /** Refused, for {@code reason}; {@code detail} is for the log, not the caller. */
    public record Refused(Reason reason, String detail) implements Verdict {}

    /** Whether a declared {@code Content-Length} already exceeds the limit. */
    public boolean tooLarge(long contentLength) {
        return contentLength > maxBodyBytes;
    }

    /**
     * The verdict on a raw body (exactly the bytes received, before any decoding) and the value of
     * its {@code X-Hub-Signature-256} header (null when absent).
     */
    public Verdict check(byte[] rawBody, String signatureHeader) {
        if (rawBody == null) {
            throw new IllegalArgumentException("the raw body is required (empty is fine)");
        }
        if (tooLarge(rawBody.length)) {
            return new Refused(
                    Reason.TOO_LARGE,
                    rawBody.length + " bytes is over the limit of " + maxBodyBytes);
        }
        if (signatureHeader == null || signatureHeader.isBlank()) {
            return new Refused(Reason.UNSIGNED, "no " + SIGNATURE_HEADER + " header");
        }
        if (!appSecret.verify(rawBody, signatureHeader.strip())) {
            return new Refused(
                    Reason.BAD_SIGNATURE,
                    SIGNATURE_HEADER + " is not the app secret's HMAC-SHA256 of the body");
        }
        return new Accepted();
    }
}
