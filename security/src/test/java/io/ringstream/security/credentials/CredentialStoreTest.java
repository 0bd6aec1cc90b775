package io.ringstream.security.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.security.Role;
import io.ringstream.security.endpoints.EndpointPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {
    @TempDir Path dir;

    @Test
    void whatOneProcessWritesAnotherReadsWithoutRestarting() {
        Path file = dir.resolve("security/users.json");
        CredentialStore service = CredentialStore.open(file);
        assertThat(service.isEmpty()).isTrue();

        CredentialStore cli = CredentialStore.open(file);
        cli.putUser(agent("acme", "1001", "$2a$04$one"));
        cli.putClient(new ClientRecord("pbx-1", "acme", Set.of(Role.PBX), "$2a$04$hash"));

        cli.putEndpoint(new AgentEndpoint("acme", "1001", "PJSIP/1001"));
        assertThat(service.user("acme", "1001")).isPresent();
        assertThat(service.endpoint("acme", "1001")).contains("PJSIP/1001");
        assertThat(service.endpoint("beta", "1001")).isEmpty();
        assertThat(service.user("other", "1001")).isEmpty();
        assertThat(service.client("pbx-1")).isPresent();
        assertThat(service.isEmpty()).isFalse();
    }

    @Test
    void usersAreNamedWithinTheirTenantAndReplacedByName() {
        CredentialStore store = CredentialStore.open(dir.resolve("users.json"));
        store.putUser(agent("acme", "1001", "$2a$04$one"));
        store.putUser(agent("beta", "1001", "$2a$04$two"));
        store.putUser(agent("acme", "1001", "$2a$04$three"));

        assertThat(store.users("acme"))
                .extracting(UserRecord::passwordHash)
                .containsExactly("$2a$04$three");
        assertThat(store.users(null)).hasSize(2);
        assertThat(store.removeUser("acme", "1001")).isTrue();
        assertThat(store.removeUser("acme", "1001")).isFalse();
        assertThat(store.users(null)).extracting(UserRecord::tenant).containsExactly("beta");
    }

    @Test
    void onlyTheOwnerCanReadTheFileAndItHoldsNoPlainSecret() throws Exception {
        Path file = dir.resolve("users.json");
        PasswordHasher hasher = new PasswordHasher(4);
        CredentialStore.open(file)
                .putUser(
                        new UserRecord(
                                "acme",
                                "sam",
                                Set.of(Role.SUPERVISOR),
                                hasher.hash("correct horse")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(file)).doesNotContain("correct horse").contains("$2a$04$");
    }

    @Test
    void aTenantWithoutItsOwnPolicyGetsTheDefault() {
        CredentialStore store = CredentialStore.open(dir.resolve("users.json"));
        EndpointPolicy sipOnly = new EndpointPolicy(Set.of("SIP"), "[0-9]{4}");
        store.putTenant(new TenantRecord("acme", sipOnly));
        assertThat(store.endpointPolicy("acme")).isEqualTo(sipOnly);
        assertThat(store.endpointPolicy("beta")).isEqualTo(EndpointPolicy.DEFAULT);
        assertThat(CredentialStore.open(store.file()).endpointPolicy("acme")).isEqualTo(sipOnly);
    }

    private static UserRecord agent(String tenant, String id, String passwordHash) {
        return new UserRecord(tenant, id, Set.of(Role.AGENT), passwordHash);
    }
}
