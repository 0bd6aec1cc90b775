package io.ringstream.security.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import io.ringstream.security.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HMAC-SHA256 key routing-service signs its tokens with, and every Ringstream process that
 * checks them shares. In local mode it is a file in the data directory, created on first start with
 * owner-only permissions; in a deployment it is a secret ({@code RINGSTREAM_JWT_SECRET} or {@code
 * RINGSTREAM_JWT_SECRET_FILE}).
 */
public final class SigningKey {
    /** HS256 needs a key at least as long as its hash: 256 bits. */
    public static final int MIN_BYTES = 32;

    private final byte[] secret;

    private SigningKey(byte[] secret) {
        if (secret.length < MIN_BYTES) {
            throw new IllegalArgumentException(
                    "the token signing secret needs at least " + MIN_BYTES + " bytes");
        }
        this.secret = secret.clone();
    }

    /** A key from a configured secret (its UTF-8 bytes). */
    public static SigningKey fromSecret(String secret) {
        return new SigningKey(secret.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key in {@code file}, created first (48 random bytes, base64, mode 0600 where the file
     * system has POSIX permissions) when the file does not exist yet.
     */
    public static SigningKey loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[48];
                new SecureRandom().nextBytes(random);
                OwnerOnlyFiles.create(file, Base64.getEncoder().encodeToString(random));
            }
            return fromSecret(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the signing key " + file, e);
        }
    }

    /** Checks HS256 signatures made with this key (Micronaut Security's validator uses it). */
    public JWSVerifier verifier() {
        try {
            return new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalStateException("unusable signing key", e);
        }
    }

    byte[] bytes() {
        return secret.clone();
    }
}
