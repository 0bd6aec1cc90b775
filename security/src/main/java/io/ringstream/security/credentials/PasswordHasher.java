package io.ringstream.security.credentials;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;

/**
 * Hashes and checks passwords and client secrets with bcrypt. Secrets longer than bcrypt's 72 bytes
 * are pre-hashed with SHA-512 instead of being cut, so no two long passwords share a hash by their
 * first 72 bytes.
 */
public final class PasswordHasher {
    /**
     * About a quarter of a second per check on a 2-core machine: slow for guessing, fine for us.
     */
    public static final int DEFAULT_COST = 12;

    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;
    private static final LongPasswordStrategy LONG = LongPasswordStrategies.hashSha512(VERSION);

    private final int cost;
    // Checked when the account does not exist, so "no such user" takes as long as "wrong password".
    private final String decoy;

    public PasswordHasher(int cost) {
        if (cost < BCrypt.MIN_COST || cost > BCrypt.MAX_COST) {
            throw new IllegalArgumentException(
                    "bcrypt cost must be " + BCrypt.MIN_COST + ".." + BCrypt.MAX_COST);
        }
        this.cost = cost;
        this.decoy = hash("decoy password nobody has");
    }

    public String hash(String secret) {
        return BCrypt.with(VERSION, LONG).hashToString(cost, secret.toCharArray());
    }

    /** Whether {@code secret} matches {@code hash}; a null hash (no account) is never a match. */
    public boolean matches(String secret, String hash) {
        if (secret == null) {
            return false;
        }
        boolean real = hash != null;
        BCrypt.Result result =
                BCrypt.verifyer(VERSION, LONG).verify(secret.toCharArray(), real ? hash : decoy);
        return real && result.verified;
    }
}
