package io.ringstream.launcher;

import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.ringstream.security.credentials.CredentialStore;
import io.ringstream.security.tokens.TokenIssuer;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ringstream token}: a bearer token for the local stack, signed with the key {@code up}
 * created, so {@code curl -H "Authorization: Bearer $(./ringstream token --supervisor)"} works
 * without a login. Only the token goes to stdout.
 */
@Command(
        name = "token",
        description = "Print a bearer token for the local stack, signed with the local key.")
final class TokenCommand implements Callable<Integer> {
    @Mixin HelpOption help;

    /** A shift; a token that outlives a day is a credential nobody remembers to revoke. */
    static final Duration MAX_TTL = Duration.ofHours(24);

    /** Exactly one kind of caller. */
    static final class Who {
        @Option(names = "--agent", paramLabel = "ID", description = "an agent, by agent id")
        String agent;

        @Option(
                names = "--supervisor",
                arity = "0..1",
                paramLabel = "NAME",
                fallbackValue = "supervisor",
                description = "a supervisor (default name: supervisor)")
        String supervisor;

        @Option(
                names = "--pbx",
                arity = "0..1",
                paramLabel = "NAME",
                fallbackValue = "pbx",
                description = "a PBX client (default name: pbx)")
        String pbx;

        @Option(
                names = "--ingest",
                arity = "0..1",
                paramLabel = "NAME",
                fallbackValue = "ingest",
                description = "an ingest client (default name: ingest)")
        String ingest;

        @Option(names = "--admin", description = "the admin")
        boolean admin;

        Caller caller(String tenant) {
            if (agent != null) {
                if (!Caller.NAME.matcher(agent).matches()) {
                    throw new IllegalArgumentException(
                            "agent id '" + agent + "' must match " + Caller.NAME.pattern());
                }
                return named(agent, tenant, Role.AGENT);
            }
            if (supervisor != null) {
                return named(supervisor, tenant, Role.SUPERVISOR);
            }
            if (pbx != null) {
                return named(pbx, tenant, Role.PBX);
            }
            if (ingest != null) {
                return named(ingest, tenant, Role.INGEST);
            }
            return named(LocalSecurity.ADMIN_USER, tenant, Role.ADMIN);
        }

        private static Caller named(String name, String tenant, Role role) {
            if (!Caller.NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "name '" + name + "' must match " + Caller.NAME.pattern());
            }
            if (!Caller.NAME.matcher(tenant).matches()) {
                throw new IllegalArgumentException(
                        "tenant '" + tenant + "' must match " + Caller.NAME.pattern());
            }
            return Caller.of(name, tenant, role);
        }
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Who who;

    @Option(
            names = "--tenant",
            paramLabel = "T",
            defaultValue = "default",
            description = "the tenant (default: default)")
    String tenant;

    @Option(
            names = "--ttl",
            paramLabel = "DURATION",
            defaultValue = "8h",
            converter = SecurityCommands.DurationConverter.class,
            description = "how long the token is valid (default 8h, at most 24h)")
    Duration ttl;

    @Mixin DataDirOption dataDir;

    @Spec CommandSpec spec;

    private final Clock clock;

    TokenCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        if (ttl.isZero() || ttl.isNegative() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("--ttl must be more than 0 and at most 24h");
        }
        Caller caller = who.caller(tenant);
        LocalLayout layout = dataDir.layout();
        String token = new TokenIssuer(LocalSecurity.existingKey(layout), clock).issue(caller, ttl);
        if (caller.has(Role.AGENT) && Files.exists(layout.credentials())) {
            CredentialStore store = CredentialStore.open(layout.credentials());
            if (store.user(tenant, caller.subject()).isEmpty()) {
                spec.commandLine()
                        .getErr()
                        .println(
                                "ringstream: note: agent "
                                        + caller.subject()
                                        + " of tenant "
                                        + tenant
                                        + " has no user yet, so no endpoint: ./ringstream user"
                                        + " add --role AGENT --endpoint PJSIP/"
                                        + caller.subject()
                                        + " ...");
            }
        }
        spec.commandLine().getOut().println(token);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
