package io.ringstream.launcher;

import io.ringstream.security.OwnerOnlyFiles;
import io.ringstream.security.Role;
import io.ringstream.security.credentials.CredentialStore;
import io.ringstream.security.credentials.PasswordHasher;
import io.ringstream.security.credentials.UserRecord;
import io.ringstream.security.tokens.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The signing key and the first admin of local mode, so that {@code ./ringstream up} stays one
 * command while every API needs a token: created on the first start under the data directory's
 * {@code security/} folder (owner-only), reused by every later start and by {@code ./ringstream
 * token}. The admin's password goes to a file, never to the console or a log.
 */
final class LocalSecurity {
    static final String ADMIN_TENANT = "default";
    static final String ADMIN_USER = "admin";

    private static final String ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int PASSWORD_LENGTH = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What {@link #prepare} found or made. */
    record Material(SigningKey key, CredentialStore store, boolean adminCreated) {}

    private LocalSecurity() {}

    /**
     * Creates what is missing: the {@code security/} folder (0700), {@code jwt.key}, and an {@code
     * admin} user of tenant {@code default} when the store holds no admin at all. Its password is
     * the one in {@code admin-password} if that file exists (a start that stopped half-way), or a
     * new random one written there (0600).
     */
    static Material prepare(LocalLayout layout, PasswordHasher hasher) {
        ownerOnlyDirectory(layout.security());
        SigningKey key = SigningKey.loadOrCreate(layout.signingKey());
        CredentialStore store = CredentialStore.open(layout.credentials());
        boolean anyAdmin = store.users(null).stream().anyMatch(u -> u.roles().contains(Role.ADMIN));
        if (anyAdmin) {
            return new Material(key, store, false);
        }
        String password = adminPassword(layout.adminPassword());
        store.putUser(
                new UserRecord(
                        ADMIN_TENANT, ADMIN_USER, Set.of(Role.ADMIN), hasher.hash(password)));
        return new Material(key, store, true);
    }

    /** The local key, without creating it: tokens are only signed with what {@code up} made. */
    static SigningKey existingKey(LocalLayout layout) {
        if (!Files.isRegularFile(layout.signingKey())) {
            throw new IllegalStateException(
                    "no signing key in "
                            + layout.security()
                            + "; run ./ringstream up first (with the same --data-dir)");
        }
        return SigningKey.loadOrCreate(layout.signingKey());
    }

    /** The one line {@code up} prints about signing in; it names the password file only. */
    static String signInHint(LocalLayout layout) {
        return "sign-in: ./ringstream token --supervisor  (or --agent 1001); admin password in "
                + layout.adminPassword()
                + "; add users with ./ringstream user add";
    }

    /** A random password of {@value #PASSWORD_LENGTH} letters and digits (about 140 bits). */
    static String randomPassword() {
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private static String adminPassword(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            String password = randomPassword();
            OwnerOnlyFiles.create(file, password + "\n");
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    /** Creates {@code dir} with mode 0700, or narrows an existing one to it. */
    static void ownerOnlyDirectory(Path dir) {
        try {
            if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(dir);
                return;
            }
            var ownerOnly = PosixFilePermissions.fromString("rwx------");
            if (Files.isDirectory(dir)) {
                Files.setPosixFilePermissions(dir, ownerOnly);
            } else {
                Files.createDirectories(dir.toAbsolutePath().getParent());
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(ownerOnly));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
