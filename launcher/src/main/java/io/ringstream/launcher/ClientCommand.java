package io.ringstream.launcher;

import io.ringstream.security.Role;
import io.ringstream.security.credentials.ClientRecord;
import io.ringstream.security.credentials.CredentialStore;
import io.ringstream.security.credentials.PasswordHasher;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ringstream client add|list|remove}: the machines (a PBX bridge, a speech-to-text engine)
 * that get tokens with client credentials. The secret is generated here, shown once, and only its
 * hash is kept.
 */
@Command(name = "client", description = "Manage the local machine clients (PBX, INGEST).")
final class ClientCommand {
    @Mixin HelpOption help;

    static final Set<Role> MACHINE_ROLES = EnumSet.of(Role.PBX, Role.INGEST);

    /** {@code client add}. */
    @Command(name = "add", description = "Add a client; prints its new secret, once, on stdout.")
    static final class Add implements Callable<Integer> {
        @Mixin HelpOption help;

        @Option(names = "--id", paramLabel = "X", required = true)
        String id;

        @Option(
                names = "--tenant",
                paramLabel = "T",
                defaultValue = "default",
                description = "the tenant (default: default)")
        String tenant;

        @Option(
                names = "--role",
                paramLabel = "ROLE",
                required = true,
                split = ",",
                description = "PBX or INGEST")
        Set<Role> roles;

        @Option(names = "--replace", description = "replace the client, with a new secret")
        boolean replace;

        @Mixin DataDirOption dataDir;

        @Spec CommandSpec spec;

        private final Supplier<PasswordHasher> hasher;
        private final SecureRandom random = new SecureRandom();

        Add(Supplier<PasswordHasher> hasher) {
            this.hasher = hasher;
        }

        @Override
        public Integer call() {
            UserCommand.checkName("client id", id);
            UserCommand.checkName("tenant", tenant);
            if (!MACHINE_ROLES.containsAll(roles)) {
                throw new IllegalArgumentException(
                        "a client is PBX or INGEST; people are users: ./ringstream user add");
            }
            CredentialStore store = UserCommand.store(dataDir);
            if (store.client(id).isPresent() && !replace) {
                throw new IllegalArgumentException(
                        "client " + id + " exists; add --replace to give it a new secret");
            }
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            store.putClient(new ClientRecord(id, tenant, roles, hasher.get().hash(secret)));
            spec.commandLine().getOut().println(secret);
            spec.commandLine().getOut().flush();
            spec.commandLine()
                    .getErr()
                    .println(
                            "ringstream: client "
                                    + id
                                    + " of tenant "
                                    + tenant
                                    + " ("
                                    + UserCommand.roles(roles)
                                    + ") saved; its secret is shown this once, only its hash is"
                                    + " kept");
            return 0;
        }
    }

    /** {@code client list}. */
    @Command(name = "list", description = "List clients: id, tenant, roles (never a hash).")
    static final class List implements Callable<Integer> {
        @Mixin HelpOption help;

        @Option(names = "--tenant", paramLabel = "T", description = "only this tenant")
        String tenant;

        @Mixin DataDirOption dataDir;

        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            out.printf("%-24s %-16s %s%n", "ID", "TENANT", "ROLES");
            for (ClientRecord client : UserCommand.store(dataDir).clients(tenant)) {
                out.printf(
                        "%-24s %-16s %s%n",
                        client.clientId(), client.tenant(), UserCommand.roles(client.roles()));
            }
            return 0;
        }
    }

    /** {@code client remove}. */
    @Command(name = "remove", description = "Remove a client.")
    static final class Remove implements Callable<Integer> {
        @Mixin HelpOption help;

        @Option(names = "--id", paramLabel = "X", required = true)
        String id;

        @Mixin DataDirOption dataDir;

        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            if (!UserCommand.store(dataDir).removeClient(id)) {
                throw new IllegalArgumentException("no client " + id);
            }
            spec.commandLine().getOut().println("removed client " + id);
            return 0;
        }
    }
}
