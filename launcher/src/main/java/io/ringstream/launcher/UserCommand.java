package io.ringstream.launcher;

import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.ringstream.security.credentials.AgentEndpoint;
import io.ringstream.security.credentials.CredentialStore;
import io.ringstream.security.credentials.PasswordHasher;
import io.ringstream.security.credentials.UserRecord;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ringstream user add|list|remove}: the people routing-service lets in, kept in the local
 * credential store (routing-service re-reads it, no restart). An agent's endpoint is set here, by
 * whoever runs this command, never by the agent at login: that is what stops toll fraud.
 */
@Command(name = "user", description = "Manage the local users (agents, supervisors, admins).")
final class UserCommand {
    @Mixin HelpOption help;

    static final Set<Role> HUMAN_ROLES = EnumSet.of(Role.AGENT, Role.SUPERVISOR, Role.ADMIN);

    static CredentialStore store(DataDirOption dataDir) {
        LocalLayout layout = dataDir.layout();
        LocalSecurity.ownerOnlyDirectory(layout.security());
        return CredentialStore.open(layout.credentials());
    }

    static String roles(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    /** {@code user add}. */
    @Command(name = "add", description = "Add a user.")
    static final class Add implements Callable<Integer> {
        @Mixin HelpOption help;

        @Option(
                names = "--tenant",
                paramLabel = "T",
                defaultValue = "default",
                description = "the tenant (default: default)")
        String tenant;

        @Option(
                names = "--username",
                paramLabel = "U",
                required = true,
                description = "the user name; an agent's is its agent id")
        String username;

        @Option(
                names = "--role",
                paramLabel = "ROLE",
                required = true,
                split = ",",
                description = "AGENT, SUPERVISOR or ADMIN (repeat or separate with commas)")
        Set<Role> roles;

        @Option(
                names = "--endpoint",
                paramLabel = "TECH/EXT",
                description = "an agent's endpoint, e.g. PJSIP/1001 (required for agents)")
        String endpoint;

        @Option(
                names = "--password-file",
                paramLabel = "F",
                description = "read the password from F (else: prompt, or one line of stdin)")
        Path passwordFile;

        @Option(names = "--replace", description = "replace an existing user of that name")
        boolean replace;

        @Mixin DataDirOption dataDir;

        @Spec CommandSpec spec;

        private final SecretInput input;
        private final Supplier<PasswordHasher> hasher;

        Add(SecretInput input, Supplier<PasswordHasher> hasher) {
            this.input = input;
            this.hasher = hasher;
        }

        @Override
        public Integer call() {
            checkName("tenant", tenant);
            checkName("user name", username);
            if (!HUMAN_ROLES.containsAll(roles)) {
                throw new IllegalArgumentException(
                        "a user is AGENT, SUPERVISOR or ADMIN; PBX and INGEST are clients:"
                                + " ./ringstream client add");
            }
            CredentialStore store = store(dataDir);
            if (roles.contains(Role.AGENT)) {
                store.endpointPolicy(tenant)
                        .problem(endpoint)
                        .ifPresent(
                                problem -> {
                                    throw new IllegalArgumentException(
                                            "--endpoint " + endpointText() + ": " + problem);
                                });
            } else if (endpoint != null) {
                throw new IllegalArgumentException("only agents have an --endpoint");
            }
            if (store.user(tenant, username).isPresent() && !replace) {
                throw new IllegalArgumentException(
                        "user "
                                + username
                                + " of tenant "
                                + tenant
                                + " exists; add --replace to replace it");
            }
            String password = input.password(username + "@" + tenant, passwordFile);
            store.putUser(new UserRecord(tenant, username, roles, hasher.get().hash(password)));
            if (endpoint != null) {
                store.putEndpoint(new AgentEndpoint(tenant, username, endpoint));
            }
            spec.commandLine()
                    .getOut()
                    .println(
                            (replace ? "saved" : "added")
                                    + " user "
                                    + username
                                    + " of tenant "
                                    + tenant
                                    + " ("
                                    + roles(roles)
                                    + (endpoint == null ? "" : ", " + endpoint)
                                    + ")");
            return 0;
        }

        private String endpointText() {
            return endpoint == null ? "(missing)" : endpoint;
        }
    }

    /** {@code user list}. */
    @Command(
            name = "list",
            description = "List users: tenant, name, roles, endpoint (never a hash).")
    static final class List implements Callable<Integer> {
        @Mixin HelpOption help;

        @Option(names = "--tenant", paramLabel = "T", description = "only this tenant")
        String tenant;

        @Mixin DataDirOption dataDir;

        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            out.printf("%-16s %-24s %-24s %s%n", "TENANT", "USERNAME", "ROLES", "ENDPOINT");
            CredentialStore store = store(dataDir);
            for (UserRecord user : store.users(tenant)) {
                out.printf(
                        "%-16s %-24s %-24s %s%n",
                        user.tenant(),
                        user.username(),
                        roles(user.roles()),
                        store.endpoint(user.tenant(), user.username()).orElse("-"));
            }
            return 0;
        }
    }

    /** {@code user remove}. */
    @Command(name = "remove", description = "Remove a user.")
    static final class Remove implements Callable<Integer> {
        @Mixin HelpOption help;

        @Option(
                names = "--tenant",
                paramLabel = "T",
                defaultValue = "default",
                description = "the tenant (default: default)")
        String tenant;

        @Option(names = "--username", paramLabel = "U", required = true)
        String username;

        @Mixin DataDirOption dataDir;

        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            if (!store(dataDir).removeUser(tenant, username)) {
                throw new IllegalArgumentException("no user " + username + " in tenant " + tenant);
            }
            spec.commandLine()
                    .getOut()
                    .println("removed user " + username + " of tenant " + tenant);
            return 0;
        }
    }

    static void checkName(String what, String name) {
        if (!Caller.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    what + " '" + name + "' must match " + Caller.NAME.pattern());
        }
    }
}
