package io.ringstream.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real 18.16 server with a password-protected user: the legacy driver logs in with the
 * credentials passed as properties, a wrong or missing password is refused, and the migrator works
 * as that user. The user is added through {@code users.d/}, which the server merges into the {@code
 * users.xml} that {@link LocalClickHouseServer} writes.
 */
class ClickHouseCredentialsITCase {
    @TempDir static Path dir;
    static LocalClickHouseServer server;

    /** Made at run time, so no secret-looking value sits in the repository. */
    static final String PASSWORD = "it-" + UUID.randomUUID();

    @BeforeAll
    static void startServerWithAPasswordUser() throws Exception {
        Path usersD =
                Files.createDirectories(dir.resolve(ServerConfig.CONFIG_DIR).resolve("users.d"));
        Files.writeString(
                usersD.resolve("writer.xml"),
                """
                <?xml version="1.0"?>
                <yandex>
                    <users>
                        <writer>
                            <password>%s</password>
                            <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
                            <profile>default</profile>
                            <quota>default</quota>
                        </writer>
                    </users>
                </yandex>
                """
                        .formatted(PASSWORD));
        server = LocalClickHouseServer.startOnFreePorts(dir);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static String url(String database) {
        return ClickHouseJdbc.jdbcUrl("127.0.0.1", server.httpPort(), database);
    }

    @Test
    void logsInWithTheUserAndPassword() {
        ClickHouseJdbc jdbc =
                ClickHouseJdbc.connect(
                        url("default"), ClickHouseCredentials.of("writer", PASSWORD));

        assertThat(jdbc.queryLong("SELECT 41 + 1")).isEqualTo(42);
        assertThat(jdbc.url()).doesNotContain(PASSWORD);
        assertThat(jdbc.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void aWrongOrMissingPasswordIsRefusedAndNotEchoed() {
        String wrong = PASSWORD + "-wrong";
        ClickHouseJdbc wrongPassword =
                ClickHouseJdbc.connect(url("default"), ClickHouseCredentials.of("writer", wrong));
        assertThatThrownBy(() -> wrongPassword.queryLong("SELECT 1"))
                .isInstanceOf(ClickHouseQueryException.class)
                .satisfies(
                        e -> {
                            for (Throwable t = e; t != null; t = t.getCause()) {
                                assertThat(String.valueOf(t.getMessage()))
                                        .doesNotContain(wrong)
                                        .doesNotContain(PASSWORD);
                            }
                        });

        ClickHouseJdbc noPassword =
                ClickHouseJdbc.connect(url("default"), ClickHouseCredentials.of("writer", null));
        assertThatThrownBy(() -> noPassword.queryLong("SELECT 1"))
                .isInstanceOf(ClickHouseQueryException.class);
    }

    @Test
    void theMigratorRunsAsTheUser() {
        ClickHouseCredentials writer = ClickHouseCredentials.of("writer", PASSWORD);

        ClickHouseMigrator.migrate(url("ringstream"), writer);

        assertThat(
                        ClickHouseJdbc.connect(url("ringstream"), writer)
                                .queryLong(
                                        "SELECT count() FROM "
                                                + Table.SCHEMA_MIGRATIONS.qualifiedName()
                                                + " FINAL"))
                .isEqualTo(ClasspathMigrations.load().size());
    }
}
