package io.ringstream.launcher;

import io.ringstream.launcher.demochat.DemoChatAgents;
import io.ringstream.security.OwnerOnlyFiles;
import io.ringstream.security.Role;
import io.ringstream.security.credentials.AgentEndpoint;
import io.ringstream.security.credentials.ClientRecord;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /** The human agent {@code up} creates for the desktop, and where the PBX would ring it. */
    static final String HUMAN_AGENT = "agent";

    static final String HUMAN_AGENT_ENDPOINT = "PJSIP/1100";

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
        String password = passwordIn(layout.adminPassword());
        store.putUser(
                new UserRecord(
                        ADMIN_TENANT, ADMIN_USER, Set.of(Role.ADMIN), hasher.hash(password)));
        return new Material(key, store, true);
    }

    /**
     * A user of the demo (an agent, or the supervisor), as {@link #demoAgent} or {@link
     * #demoSupervisor} found or made it.
     *
     * @param password the login password; empty when the user existed and its password file is gone
     *     (someone manages it by hand now: {@code up} leaves it alone)
     * @param created whether this start created the user
     */
    record DemoAgent(String username, Optional<String> password, boolean created) {}

    /**
     * Creates, once, an agent user of tenant {@value #ADMIN_TENANT} named {@code username} (its
     * agent id) with role AGENT, a generated password in {@code security/<username>-password}
     * (0600) and its endpoint, which routing-service needs before the agent may log in. A user that
     * exists is kept as it is (its password, roles and endpoint may have been changed with {@code
     * ./ringstream user}); only a missing endpoint is added.
     */
    static DemoAgent demoAgent(
            LocalLayout layout,
            CredentialStore store,
            PasswordHasher hasher,
            String username,
            String endpoint) {
        DemoAgent agent = demoUser(layout, store, hasher, username, Role.AGENT);
        if (store.endpoint(ADMIN_TENANT, username).isEmpty()) {
            store.putEndpoint(new AgentEndpoint(ADMIN_TENANT, username, endpoint));
        }
        return agent;
    }

    /** The supervisor {@code up} creates for the wallboard. */
    static final String SUPERVISOR = "supervisor";

    /**
     * Creates, once, the supervisor of the wallboard ({@value #SUPERVISOR}, role SUPERVISOR), with
     * its password in {@code security/supervisor-password}; kept as it is once it exists.
     */
    static DemoAgent demoSupervisor(
            LocalLayout layout, CredentialStore store, PasswordHasher hasher) {
        return demoUser(layout, store, hasher, SUPERVISOR, Role.SUPERVISOR);
    }

    /** A demo user of one role with a generated password file, created once. */
    private static DemoAgent demoUser(
            LocalLayout layout,
            CredentialStore store,
            PasswordHasher hasher,
            String username,
            Role role) {
        Path file = layout.password(username);
        boolean exists = store.user(ADMIN_TENANT, username).isPresent();
        if (!exists) {
            String password = passwordIn(file);
            store.putUser(
                    new UserRecord(ADMIN_TENANT, username, Set.of(role), hasher.hash(password)));
        }
        Optional<String> password =
                Files.isRegularFile(file) ? Optional.of(passwordIn(file)) : Optional.empty();
        return new DemoAgent(username, password, !exists);
    }

    /**
     * The agents of {@code up}'s demo floor, created once: the human agent ({@value #HUMAN_AGENT},
     * {@value #HUMAN_AGENT_ENDPOINT}) first, then each simulated chat seat given.
     */
    static List<DemoAgent> demoAgents(
            LocalLayout layout,
            CredentialStore store,
            PasswordHasher hasher,
            List<DemoChatAgents.Seat> chatSeats) {
        List<DemoAgent> agents = new ArrayList<>();
        agents.add(demoAgent(layout, store, hasher, HUMAN_AGENT, HUMAN_AGENT_ENDPOINT));
        for (DemoChatAgents.Seat seat : chatSeats) {
            agents.add(demoAgent(layout, store, hasher, seat.agentId(), seat.endpoint()));
        }
        return agents;
    }

    /** The machine client the in-process channel gateway asks routing-service as (role PBX). */
    static final String GATEWAY_CLIENT = "ringstream-up-gateway";

    /**
     * (Re)creates the gateway's machine client with a new random secret and returns the secret,
     * which lives in {@code up}'s memory only: it reaches the gateway as a setting in-process,
     * never a file, a variable or a log. Each start replaces the previous run's secret.
     */
    static String gatewayClientSecret(CredentialStore store, PasswordHasher hasher) {
        String secret = UpOptions.randomSecret();
        store.putClient(
                new ClientRecord(
                        GATEWAY_CLIENT, ADMIN_TENANT, Set.of(Role.PBX), hasher.hash(secret)));
        return secret;
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

    /** The password in {@code file}, or a new random one written there (0600). */
    private static String passwordIn(Path file) {
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
