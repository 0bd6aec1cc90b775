package io.ringstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.launcher.demochat.DemoChatAgents;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.ringstream.security.credentials.PasswordHasher;
import io.ringstream.security.credentials.UserRecord;
import io.ringstream.security.tokens.TokenIssuer;
import io.ringstream.security.tokens.TokenVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSecurityTest {
    private static final PasswordHasher FAST = new PasswordHasher(4);

    @TempDir Path dir;

    @Test
    void theFirstStartCreatesAKeyAndAnAdminWhosePasswordIsOnlyInAnOwnerOnlyFile() throws Exception {
        LocalLayout layout = LocalLayout.of(dir);

        LocalSecurity.Material made = LocalSecurity.prepare(layout, FAST);

        assertThat(made.adminCreated()).isTrue();
        assertThat(mode(layout.security())).isEqualTo("rwx------");
        assertThat(mode(layout.signingKey())).isEqualTo("rw-------");
        assertThat(mode(layout.credentials())).isEqualTo("rw-------");
        assertThat(mode(layout.adminPassword())).isEqualTo("rw-------");
        String password = Files.readString(layout.adminPassword(), StandardCharsets.UTF_8).trim();
        assertThat(password).hasSize(24).matches("[A-Za-z0-9]+");
        UserRecord admin = made.store().user("default", "admin").orElseThrow();
        assertThat(admin.roles()).containsExactly(Role.ADMIN);
        assertThat(FAST.matches(password, admin.passwordHash())).isTrue();
        assertThat(Files.readString(layout.credentials())).doesNotContain(password);
    }

    @Test
    void laterStartsReuseTheKeyTheAdminAndItsPassword() throws Exception {
        LocalLayout layout = LocalLayout.of(dir);
        LocalSecurity.Material first = LocalSecurity.prepare(layout, FAST);
        String key = Files.readString(layout.signingKey());
        String password = Files.readString(layout.adminPassword());
        String hash = first.store().user("default", "admin").orElseThrow().passwordHash();

        LocalSecurity.Material second = LocalSecurity.prepare(layout, FAST);

        assertThat(second.adminCreated()).isFalse();
        assertThat(Files.readString(layout.signingKey())).isEqualTo(key);
        assertThat(Files.readString(layout.adminPassword())).isEqualTo(password);
        assertThat(second.store().user("default", "admin").orElseThrow().passwordHash())
                .isEqualTo(hash);
        // A token signed with the first start's key verifies with the second's.
        String token =
                new TokenIssuer(first.key(), Clock.systemUTC())
                        .issue(Caller.of("sup", "default", Role.SUPERVISOR), Duration.ofMinutes(1));
        assertThat(new TokenVerifier(second.key(), Clock.systemUTC()).verify(token).subject())
                .isEqualTo("sup");
    }

    @Test
    void aStartThatStoppedAfterWritingThePasswordCreatesTheAdminWithThatPassword()
            throws Exception {
        LocalLayout layout = LocalLayout.of(dir);
        LocalSecurity.ownerOnlyDirectory(layout.security());
        Files.writeString(layout.adminPassword(), "written-before-the-crash\n");

        LocalSecurity.Material made = LocalSecurity.prepare(layout, FAST);

        String hash = made.store().user("default", "admin").orElseThrow().passwordHash();
        assertThat(FAST.matches("written-before-the-crash", hash)).isTrue();
    }

    @Test
    void tokensAreNeverSignedWithAKeyThatUpDidNotCreate() {
        LocalLayout layout = LocalLayout.of(dir);

        assertThatThrownBy(() -> LocalSecurity.existingKey(layout))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("./ringstream up");
        assertThat(layout.signingKey()).doesNotExist();
    }

    @Test
    void theSignInHintNamesThePasswordFileNotThePassword() throws Exception {
        LocalLayout layout = LocalLayout.of(dir);
        LocalSecurity.prepare(layout, FAST);
        String password = Files.readString(layout.adminPassword()).trim();

        String hint = LocalSecurity.signInHint(layout);

        assertThat(hint)
                .contains("./ringstream token --supervisor", layout.adminPassword().toString())
                .doesNotContain(password);
    }

    @Test
    void anExistingSecurityFolderIsNarrowedToItsOwner() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("security"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));

        LocalSecurity.ownerOnlyDirectory(folder);

        assertThat(mode(folder)).isEqualTo("rwx------");
    }

    @Test
    void upCreatesTheHumanAndTheChatAgentsOnceEachWithAnOwnerOnlyPasswordAndAnEndpoint()
            throws Exception {
        LocalLayout layout = LocalLayout.of(dir);
        LocalSecurity.Material material = LocalSecurity.prepare(layout, FAST);

        List<LocalSecurity.DemoAgent> first =
                LocalSecurity.demoAgents(layout, material.store(), FAST, DemoChatAgents.AGENTS);

        assertThat(first)
                .extracting(LocalSecurity.DemoAgent::username)
                .containsExactly("agent", "chat-1", "chat-2", "chat-3");
        assertThat(first).allSatisfy(a -> assertThat(a.created()).isTrue());
        for (LocalSecurity.DemoAgent agent : first) {
            Path file = layout.password(agent.username());
            assertThat(mode(file)).isEqualTo("rw-------");
            String password = Files.readString(file, StandardCharsets.UTF_8).trim();
            assertThat(agent.password()).contains(password);
            UserRecord user = material.store().user("default", agent.username()).orElseThrow();
            assertThat(user.roles()).containsExactly(Role.AGENT);
            assertThat(FAST.matches(password, user.passwordHash())).isTrue();
            assertThat(Files.readString(layout.credentials())).doesNotContain(password);
        }
        assertThat(layout.password("agent")).hasFileName("agent-password");
        assertThat(material.store().endpoint("default", "agent")).contains("PJSIP/1100");
        assertThat(material.store().endpoint("default", "chat-2")).contains("PJSIP/1102");

        String hash = material.store().user("default", "agent").orElseThrow().passwordHash();
        List<LocalSecurity.DemoAgent> second =
                LocalSecurity.demoAgents(
                        layout,
                        LocalSecurity.prepare(layout, FAST).store(),
                        FAST,
                        DemoChatAgents.AGENTS);

        assertThat(second).allSatisfy(a -> assertThat(a.created()).isFalse());
        assertThat(second.get(0).password()).isEqualTo(first.get(0).password());
        assertThat(material.store().user("default", "agent").orElseThrow().passwordHash())
                .isEqualTo(hash);
    }

    @Test
    void upCreatesTheWallboardSupervisorOnceWithAnOwnerOnlyPassword() throws Exception {
        LocalLayout layout = LocalLayout.of(dir);
        LocalSecurity.Material material = LocalSecurity.prepare(layout, FAST);

        LocalSecurity.DemoAgent first =
                LocalSecurity.demoSupervisor(layout, material.store(), FAST);

        assertThat(first.username()).isEqualTo("supervisor");
        assertThat(first.created()).isTrue();
        Path file = layout.password("supervisor");
        assertThat(mode(file)).isEqualTo("rw-------");
        String password = Files.readString(file, StandardCharsets.UTF_8).trim();
        UserRecord user = material.store().user("default", "supervisor").orElseThrow();
        assertThat(user.roles()).containsExactly(Role.SUPERVISOR);
        assertThat(FAST.matches(password, user.passwordHash())).isTrue();
        assertThat(material.store().endpoint("default", "supervisor")).isEmpty();

        LocalSecurity.DemoAgent second =
                LocalSecurity.demoSupervisor(layout, material.store(), FAST);

        assertThat(second.created()).isFalse();
        assertThat(second.password()).isEqualTo(first.password());
        assertThat(material.store().user("default", "supervisor").orElseThrow().passwordHash())
                .isEqualTo(user.passwordHash());
    }

    @Test
    void anAgentChangedByHandIsLeftAlone() throws Exception {
        LocalLayout layout = LocalLayout.of(dir);
        LocalSecurity.Material material = LocalSecurity.prepare(layout, FAST);
        LocalSecurity.demoAgents(layout, material.store(), FAST, List.of());
        Files.delete(layout.password("agent"));

        LocalSecurity.DemoAgent again =
                LocalSecurity.demoAgents(layout, material.store(), FAST, List.of()).get(0);

        assertThat(again.created()).isFalse();
        assertThat(again.password()).isEmpty();
        assertThat(layout.password("agent")).doesNotExist();
    }

    @Test
    void theGatewaysClientGetsANewSecretEveryStartKeptOnlyAsAHash() throws Exception {
        LocalLayout layout = LocalLayout.of(dir);
        LocalSecurity.Material material = LocalSecurity.prepare(layout, FAST);

        String first = LocalSecurity.gatewayClientSecret(material.store(), FAST);
        String second = LocalSecurity.gatewayClientSecret(material.store(), FAST);

        assertThat(second).isNotEqualTo(first);
        var client = material.store().client(LocalSecurity.GATEWAY_CLIENT).orElseThrow();
        assertThat(client.roles()).containsExactly(Role.PBX);
        assertThat(FAST.matches(second, client.secretHash())).isTrue();
        assertThat(FAST.matches(first, client.secretHash())).isFalse();
        assertThat(Files.readString(layout.credentials())).doesNotContain(second);
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
