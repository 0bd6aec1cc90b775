package io.ringstream.channels.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * Meta's webhook verification GET ({@code hub.mode}, {@code hub.verify_token}, {@code
 * hub.challenge}), which WhatsApp Cloud API and Instagram messaging send when a callback URL is
 * registered: the endpoint proves it is ours by echoing the challenge, and only to a caller that
 * knows the verify token we configured, so nobody else can subscribe our URL.
 *
 * <p>The token comparison is constant-time, and over SHA-256 digests so that not even the token's
 * length leaks. The challenge is echoed only when it is a short run of letters, digits, {@code .},
 * {@code _} or {@code -} (Meta sends a number): the endpoint never reflects arbitrary text.
 */
public final class HubHandshake {
    /** The only {@code hub.mode} Meta's verification request uses. */
    public static final String SUBSCRIBE = "subscribe";

    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final byte[] tokenDigest;

    /**
     * @param verifyToken the token typed into the App Dashboard next to the callback URL
     */
    public HubHandshake(String verifyToken) {
        if (verifyToken == null || verifyToken.isBlank()) {
            throw new IllegalArgumentException("a webhook verify token must not be blank");
        }
        this.tokenDigest = sha256(verifyToken);
    }

    /** The endpoint's answer: 200 with the challenge as the body, or 403 with the reason logged. */
    public sealed interface Answer permits Challenge, Refusal {}

    /** Echo {@code challenge} as the whole {@code text/plain} body, with 200. */
    public record Challenge(String challenge) implements Answer {}

    /** Answer 403; {@code reason} is for the log and metrics, never for the caller. */
    public record Refusal(String reason) implements Answer {}

    /** The answer to a verification GET's three query parameters; any may be null (absent). */
    public Answer answer(String mode, String verifyToken, String challenge) {
        if (mode == null || verifyToken == null || challenge == null) {
            return new Refusal("hub.mode, hub.verify_token and hub.challenge are all required");
        }
        if (!SUBSCRIBE.equals(mode)) {
            return new Refusal("hub.mode is not 'subscribe'");
        }
        if (!MessageDigest.isEqual(tokenDigest, sha256(verifyToken))) {
            return new Refusal("hub.verify_token does not match the configured token");
        }
        if (!CHALLENGE.matcher(challenge).matches()) {
            return new Refusal("hub.challenge is empty, too long or has unexpected characters");
        }
        return new Challenge(challenge);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
