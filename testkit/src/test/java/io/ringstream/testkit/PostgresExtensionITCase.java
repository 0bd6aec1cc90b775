package io.ringstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What tests in other modules get from the extension: one server, a database of their own. */
class PostgresExtensionITCase {
    @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();

    private static final String PUBLIC_TABLES =
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'";

    @Test
    void offersAnEmptyDatabaseOfTheClassOnARealServer() {
        assertThat(POSTGRES.database()).matches("test_\\d+_postgresextensionitcase");
        assertThat(POSTGRES.jdbcUrl())
                .isEqualTo(
                        "jdbc:postgresql://127.0.0.1:"
                                + POSTGRES.port()
                                + "/"
                                + POSTGRES.database());
        assertThat(POSTGRES.query("SELECT current_database(), current_user"))
                .containsExactly(java.util.List.of(POSTGRES.database(), "ringstream"));
        assertThat(POSTGRES.query("SELECT version()").get(0).get(0)).startsWith("PostgreSQL");
    }

    @Test
    void runsStatementsAndQueries() {
        POSTGRES.execute("CREATE TABLE IF NOT EXISTS notes (id bigint PRIMARY KEY, body text)");
        POSTGRES.execute("INSERT INTO notes VALUES (1, 'called back'), (2, NULL)");

        assertThat(POSTGRES.query("SELECT id, body FROM notes ORDER BY id"))
                .containsExactly(
                        java.util.List.of("1", "called back"), java.util.Arrays.asList("2", null));
        assertThat(POSTGRES.queryLong("SELECT count(*) FROM notes")).isEqualTo(2);
        POSTGRES.execute("DROP TABLE notes");
    }

    @Test
    void createsFurtherEmptyDatabasesOnTheSameServer() throws Exception {
        POSTGRES.execute("CREATE TABLE IF NOT EXISTS mine (id int)");

        String url = POSTGRES.createDatabase();

        assertThat(url).startsWith("jdbc:postgresql://127.0.0.1:" + POSTGRES.port() + "/test_");
        try (Connection connection =
                        DriverManager.getConnection(url, POSTGRES.user(), POSTGRES.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(PUBLIC_TABLES)) {
            rows.next();
            assertThat(rows.getLong(1)).isZero();
        }
        POSTGRES.execute("DROP TABLE mine");
    }

    @Nested
    class RegisteredAsAnInstanceField {
        @RegisterExtension final PostgresExtension instanceField = new PostgresExtension();

        @Test
        void reachesTheSameServerWithADatabaseOfItsOwn() {
            POSTGRES.execute("CREATE TABLE IF NOT EXISTS only_in_the_outer (id int)");

            assertThat(instanceField.port()).isEqualTo(POSTGRES.port());
            assertThat(instanceField.database()).isNotEqualTo(POSTGRES.database());
            assertThat(instanceField.queryLong(PUBLIC_TABLES)).isZero();
            POSTGRES.execute("DROP TABLE only_in_the_outer");
        }
    }

    @Nested
    @ExtendWith(PostgresExtension.class)
    class InjectedAsAParameter {
        @Test
        void reachesTheSameServer(PostgresExtension injected) {
            assertThat(injected.port()).isEqualTo(POSTGRES.port());
            assertThat(injected.queryLong("SELECT 41 + 1")).isEqualTo(42);
        }
    }
}
