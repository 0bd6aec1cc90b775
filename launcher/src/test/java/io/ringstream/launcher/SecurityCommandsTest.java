package io.ringstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.ringstream.security.credentials.CredentialStore;
import io.ringstream.security.credentials.PasswordHasher;
import io.ringstream.security.credentials.UserRecord;
import io.ringstream.security.tokens.SigningKey;
import io.ringstream.security.tokens.TokenVerifier;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the picocli commands with given arguments and streams, on a temporary data dir. */
class SecurityCommandsTest {
    private static final PasswordHasher FAST = new PasswordHasher(4);
    private static final Instant NOW = Instant.parse("2026-12-04T09:00:00Z");

    @TempDir Path dir;
    private LocalLayout layout;

    /** What one run printed and returned. */
    record Run(int exit, String out, String err) {}

    @BeforeEach
    void layout() {
        layout = LocalLayout.of(dir);
    }

    @Test
    void aSupervisorTokenIsTheOnlyThingOnStdoutAndCarriesTheClaimsRoutingServiceChecks() {
        LocalSecurity.prepare(layout, FAST);

        Run run = run("", "token", "--supervisor");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).endsWith("\n").doesNotContain(" ");
        Caller caller = verify(run.out().trim(), NOW.plus(Duration.ofHours(7)));
        assertThat(caller).isEqualTo(Caller.of("supervisor", "default", Role.SUPERVISOR));
    }

    @Test
    void eachKindOfCallerGetsItsRoleNameAndTenant() {
        LocalSecurity.prepare(layout, FAST);

        assertThat(token("--agent", "1001", "--tenant", "acme"))
                .isEqualTo(Caller.of("1001", "acme", Role.AGENT));
        assertThat(token("--supervisor", "maria", "--tenant", "acme"))
                .isEqualTo(Caller.of("maria", "acme", Role.SUPERVISOR));
        assertThat(token("--pbx")).isEqualTo(Caller.of("pbx", "default", Role.PBX));
        assertThat(token("--ingest", "stt-1"))
                .isEqualTo(Caller.of("stt-1", "default", Role.INGEST));
        assertThat(token("--admin")).isEqualTo(Caller.of("admin", "default", Role.ADMIN));
    }

    @Test
    void theTokenLastsAShiftByDefaultAndTheTtlIsBoundedByADay() {
        LocalSecurity.prepare(layout, FAST);
        String shift = run("", "token", "--agent", "1001").out().trim();
        String hour = run("", "token", "--agent", "1001", "--ttl", "1h").out().trim();

        assertThat(verify(shift, NOW.plus(Duration.ofHours(7).plusMinutes(59)))).isNotNull();
        assertThatRejected(shift, NOW.plus(Duration.ofHours(8).plusMinutes(1)));
        assertThatRejected(hour, NOW.plus(Duration.ofMinutes(61)));
        Run tooLong = run("", "token", "--supervisor", "--ttl", "25h");
        assertThat(tooLong.exit()).isNotZero();
        assertThat(tooLong.out()).isEmpty();
        assertThat(tooLong.err()).contains("at most 24h");
    }

    @Test
    void withoutTheKeyOfUpTheTokenCommandFailsAndCreatesNothing() {
        Run run = run("", "token", "--supervisor");

        assertThat(run.exit()).isNotZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("run ./ringstream up first");
        assertThat(layout.signingKey()).doesNotExist();
    }

    @Test
    void anAgentIdOutsideTheNameAlphabetIsRefused() {
        LocalSecurity.prepare(layout, FAST);

        Run run = run("", "token", "--agent", "1001/../x");

        assertThat(run.exit()).isNotZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("agent id", Caller.NAME.pattern());
    }

    @Test
    void exactlyOneKindOfCallerIsRequired() {
        LocalSecurity.prepare(layout, FAST);

        assertThat(run("", "token").exit()).isEqualTo(2);
        assertThat(run("", "token", "--agent", "1001", "--supervisor").exit()).isEqualTo(2);
    }

    @Test
    void anAgentIsAddedWithAValidatedEndpointAndAPasswordFromStdin() {
        Run run =
                run(
                        "s3cret-password\n",
                        "user",
                        "add",
                        "--tenant",
                        "acme",
                        "--username",
                        "1001",
                        "--role",
                        "agent",
                        "--endpoint",
                        "PJSIP/1001");

        assertThat(run.exit()).as(run.err()).isZero();
        UserRecord agent = store().user("acme", "1001").orElseThrow();
        assertThat(agent.roles()).containsExactly(Role.AGENT);
        assertThat(store().endpoint("acme", "1001")).contains("PJSIP/1001");
        assertThat(FAST.matches("s3cret-password", agent.passwordHash())).isTrue();
        assertThat(run.out() + run.err()).doesNotContain("s3cret-password");
    }

    @Test
    void aTrunkOrSipUriIsNeverAnAgentsEndpoint() {
        for (String endpoint :
                List.of("PJSIP/itsp-trunk/sip:+19005550100@premium.example.net", "Local/1001")) {
            Run run =
                    run(
                            "s3cret-password\n",
                            "user",
                            "add",
                            "--username",
                            "1001",
                            "--role",
                            "AGENT",
                            "--endpoint",
                            endpoint);

            assertThat(run.exit()).isNotZero();
            assertThat(run.err()).contains("--endpoint");
        }
        Run missing =
                run("s3cret-password\n", "user", "add", "--username", "1001", "--role", "AGENT");
        assertThat(missing.exit()).isNotZero();
        assertThat(store().users(null)).isEmpty();
    }

    @Test
    void thePasswordComesFromAFileAndNeverFromAnArgument() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "from-the-file-1\n");

        Run run =
                run(
                        "",
                        "user",
                        "add",
                        "--username",
                        "maria",
                        "--role",
                        "SUPERVISOR",
                        "--password-file",
                        file.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(
                        FAST.matches(
                                "from-the-file-1",
                                store().user("default", "maria").orElseThrow().passwordHash()))
                .isTrue();
        assertThat(
                        run(
                                        "x",
                                        "user",
                                        "add",
                                        "--username",
                                        "x",
                                        "--role",
                                        "ADMIN",
                                        "--password",
                                        "p")
                                .exit())
                .isEqualTo(2);
    }

    @Test
    void machineRolesAndExistingUsersAreRefusedUnlessReplacing() {
        assertThat(
                        run(
                                        "s3cret-password\n",
                                        "user",
                                        "add",
                                        "--username",
                                        "pbx",
                                        "--role",
                                        "PBX")
                                .err())
                .contains("client add");
        assertThat(
                        run(
                                        "s3cret-password\n",
                                        "user",
                                        "add",
                                        "--username",
                                        "maria",
                                        "--role",
                                        "SUPERVISOR")
                                .exit())
                .isZero();

        Run again =
                run("other-password\n", "user", "add", "--username", "maria", "--role", "ADMIN");
        assertThat(again.exit()).isNotZero();
        assertThat(again.err()).contains("--replace");

        Run replaced =
                run(
                        "other-password\n",
                        "user",
                        "add",
                        "--username",
                        "maria",
                        "--role",
                        "ADMIN",
                        "--replace");
        assertThat(replaced.exit()).isZero();
        assertThat(store().user("default", "maria").orElseThrow().roles())
                .containsExactly(Role.ADMIN);
    }

    @Test
    void listShowsNoHashesAndRemoveRemoves() {
        run(
                "s3cret-password\n",
                "user",
                "add",
                "--tenant",
                "acme",
                "--username",
                "1001",
                "--role",
                "AGENT",
                "--endpoint",
                "PJSIP/1001");
        run(
                "s3cret-password\n",
                "user",
                "add",
                "--tenant",
                "beta",
                "--username",
                "sue",
                "--role",
                "SUPERVISOR");

        String all = run("", "user", "list").out();
        assertThat(all)
                .contains("acme", "1001", "AGENT", "PJSIP/1001", "beta", "sue")
                .doesNotContain("$2");
        assertThat(run("", "user", "list", "--tenant", "acme").out())
                .contains("1001")
                .doesNotContain("sue");

        assertThat(run("", "user", "remove", "--tenant", "acme", "--username", "1001").exit())
                .isZero();
        assertThat(store().user("acme", "1001")).isEmpty();
        assertThat(run("", "user", "remove", "--tenant", "acme", "--username", "1001").exit())
                .isNotZero();
    }

    @Test
    void aClientsSecretIsPrintedOnceAndOnlyItsHashIsStored() throws Exception {
        Run run = run("", "client", "add", "--id", "pbx-1", "--tenant", "acme", "--role", "PBX");

        assertThat(run.exit()).as(run.err()).isZero();
        String secret = run.out().trim();
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        var client = store().client("pbx-1").orElseThrow();
        assertThat(client.roles()).containsExactly(Role.PBX);
        assertThat(FAST.matches(secret, client.secretHash())).isTrue();
        assertThat(Files.readString(layout.credentials())).doesNotContain(secret);
        assertThat(run("", "client", "list").out())
                .contains("pbx-1", "acme", "PBX")
                .doesNotContain(secret, "$2");
        assertThat(run("", "client", "add", "--id", "pbx-1", "--role", "PBX").exit()).isNotZero();
        assertThat(run("", "client", "add", "--id", "sup", "--role", "SUPERVISOR").exit())
                .isNotZero();

        assertThat(run("", "client", "remove", "--id", "pbx-1").exit()).isZero();
        assertThat(store().client("pbx-1")).isEmpty();
    }

    private Caller token(String... who) {
        List<String> args = new ArrayList<>(List.of("token"));
        args.addAll(List.of(who));
        Run run = run("", args.toArray(String[]::new));
        assertThat(run.exit()).as(run.err()).isZero();
        return verify(run.out().trim(), NOW);
    }

    private Caller verify(String token, Instant at) {
        try {
            return new TokenVerifier(key(), Clock.fixed(at, ZoneOffset.UTC)).verify(token);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void assertThatRejected(String token, Instant at) {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                new TokenVerifier(key(), Clock.fixed(at, ZoneOffset.UTC))
                                        .verify(token))
                .isNotNull();
    }

    private SigningKey key() {
        return LocalSecurity.existingKey(layout);
    }

    private CredentialStore store() {
        return CredentialStore.open(layout.credentials());
    }

    private Run run(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data-dir");
        all.add(dir.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit =
                SecurityCommands.run(
                        all.toArray(String[]::new),
                        new PrintWriter(out),
                        new PrintWriter(err),
                        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                        null,
                        () -> FAST,
                        Clock.fixed(NOW, ZoneOffset.UTC));
        return new Run(exit, out.toString(), err.toString());
    }
}
