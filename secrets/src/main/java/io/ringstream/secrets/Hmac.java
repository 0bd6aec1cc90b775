package io.ringstream.secrets;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over a raw request body, the way webhook providers sign what they send (Meta's {@code
 * X-Hub-Signature-256: sha256=<hex>}) and the way machine clients may sign transcript segments.
 * Verification compares in constant time, so the answer's timing tells an attacker nothing about
 * how much of a guess was right.
 */
public final class Hmac {
    /** The prefix of a signature header's value. */
    public static final String PREFIX = "sha256=";

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private Hmac(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("an HMAC secret needs at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /** An HMAC keyed by the secret's UTF-8 bytes. */
    public static Hmac withSecret(String secret) {
        return new Hmac(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code sha256=} followed by the lower-case hex HMAC of the body. */
    public String sign(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac(body));
    }

    /**
     * Whether {@code header} (as sent, {@code sha256=<hex>}, any hex case) is this key's HMAC of
     * {@code body}. A missing or malformed header is simply not valid.
     */
    public boolean verify(byte[] body, String header) {
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] expected = sign(body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = header.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
