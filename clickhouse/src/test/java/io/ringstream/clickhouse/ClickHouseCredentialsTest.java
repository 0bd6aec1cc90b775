package io.ringstream.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.yandex.clickhouse.settings.ClickHouseProperties;

/**
 * The ClickHouse login comes from RINGSTREAM_CLICKHOUSE_USER and
 * RINGSTREAM_CLICKHOUSE_PASSWORD(_FILE), reaches the driver as properties, and never shows in a
 * URL, a message or toString.
 */
class ClickHouseCredentialsTest {
    @TempDir Path dir;

    /** Made at run time, so this file holds nothing that looks like a real secret. */
    private final String password = "pw-" + UUID.randomUUID();

    @Test
    void nothingSetIsTheDriversDefaultUserWithoutPassword() {
        ClickHouseCredentials none = ClickHouseCredentials.from(Map.of());

        assertThat(none).isEqualTo(ClickHouseCredentials.NONE);
        assertThat(none.user()).isEmpty();
        assertThat(none.hasPassword()).isFalse();
        ClickHouseProperties properties = new ClickHouseProperties();
        none.applyTo(properties);
        assertThat(properties.getUser()).isNull();
        assertThat(properties.getPassword()).isNull();
    }

    @Test
    void readsTheUserAndThePasswordVariables() {
        ClickHouseCredentials credentials =
                ClickHouseCredentials.from(
                        Map.of(
                                "RINGSTREAM_CLICKHOUSE_USER",
                                "ringstream",
                                "RINGSTREAM_CLICKHOUSE_PASSWORD",
                                password));

        assertThat(credentials.user()).contains("ringstream");
        assertThat(credentials.hasPassword()).isTrue();
        ClickHouseProperties properties = new ClickHouseProperties();
        credentials.applyTo(properties);
        assertThat(properties.getUser()).isEqualTo("ringstream");
        assertThat(properties.getPassword()).isEqualTo(password);
    }

    @Test
    void readsThePasswordFromTheFileVariable() throws Exception {
        Path file = Files.writeString(dir.resolve("clickhouse-password"), password + "\n");

        ClickHouseCredentials credentials =
                ClickHouseCredentials.from(
                        Map.of("RINGSTREAM_CLICKHOUSE_PASSWORD_FILE", file.toString()));

        assertThat(credentials).isEqualTo(ClickHouseCredentials.of(null, password));
        assertThat(credentials.user()).as("the driver's default user").isEmpty();
    }

    @Test
    void bothPasswordVariablesOrABlankOneAreRefusedWithoutShowingTheValue() throws Exception {
        Path file = Files.writeString(dir.resolve("clickhouse-password"), "other");
        assertThatThrownBy(
                        () ->
                                ClickHouseCredentials.from(
                                        Map.of(
                                                "RINGSTREAM_CLICKHOUSE_PASSWORD",
                                                password,
                                                "RINGSTREAM_CLICKHOUSE_PASSWORD_FILE",
                                                file.toString())))
                .hasMessageContaining("not both")
                .hasMessageNotContaining(password);
        assertThatThrownBy(
                        () ->
                                ClickHouseCredentials.from(
                                        Map.of("RINGSTREAM_CLICKHOUSE_PASSWORD", "  ")))
                .hasMessageContaining("RINGSTREAM_CLICKHOUSE_PASSWORD");
    }

    @Test
    void aBlankUserMeansTheDefaultAndWithUserReplacesIt() {
        ClickHouseCredentials credentials =
                ClickHouseCredentials.from(
                        Map.of(
                                "RINGSTREAM_CLICKHOUSE_USER",
                                " ",
                                "RINGSTREAM_CLICKHOUSE_PASSWORD",
                                password));

        assertThat(credentials.user()).isEmpty();
        assertThat(credentials.withUser("grafana").user()).contains("grafana");
        assertThat(credentials.withUser("grafana").hasPassword()).isTrue();
        assertThat(credentials.withUser(null)).isEqualTo(credentials);
    }

    @Test
    void toStringNamesTheUserButNeverThePassword() {
        ClickHouseCredentials credentials = ClickHouseCredentials.of("ringstream", password);

        assertThat(credentials.toString())
                .contains("ringstream")
                .contains("password set")
                .doesNotContain(password);
        assertThat(ClickHouseCredentials.NONE.toString()).contains("no password");
    }

    @Test
    void aUrlCarryingAPasswordIsRefusedWithoutEchoingIt() {
        for (String url :
                new String[] {
                    "jdbc:clickhouse://ch:8123/ringstream?user=u&password=" + password,
                    "jdbc:clickhouse://ch:8123/ringstream?PASSWORD=" + password + "&compress=false",
                    "jdbc:clickhouse://u:" + password + "@ch:8123/ringstream"
                }) {
            assertThatThrownBy(() -> ClickHouseJdbc.connect(url, ClickHouseCredentials.NONE))
                    .as(url)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("RINGSTREAM_CLICKHOUSE_PASSWORD")
                    .hasMessageNotContaining(password);
        }
        ClickHouseJdbc.requireNoPasswordIn("jdbc:clickhouse://ch:8123/ringstream?compress=false");
    }
}
