package io.ringstream.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The macro and variable expansion the dashboard tests rely on matches the plugin's. */
class GrafanaQueryTest {
    private static final Instant FROM = Instant.parse("2025-03-14T00:00:00Z");
    private static final Instant TO = Instant.parse("2025-03-15T00:00:00Z");

    @Test
    void expandsMacrosAsThePluginDoes() {
        String sql =
                "SELECT 1 WHERE $__timeFilter(interval_start) AND x >= $__fromTime"
                        + " AND x < $__toTime AND $__dateFilter(event_date)";

        assertThat(GrafanaQuery.expand(sql, Map.of(), FROM, TO))
                .isEqualTo(
                        "SELECT 1 WHERE interval_start >= toDateTime(1741910400) AND"
                                + " interval_start <= toDateTime(1741996800) AND x >="
                                + " toDateTime(1741910400) AND x < toDateTime(1741996800) AND"
                                + " event_date >= toDate('2025-03-14') AND event_date <="
                                + " toDate('2025-03-15')");
    }

    @Test
    void expandsVariablesInTheirFormats() {
        Map<String, List<String>> vars =
                Map.of("queue", List.of("sales", "o'brien"), "tenant", List.of("default"));

        assertThat(
                        GrafanaQuery.expand(
                                "t = ${tenant:singlequote} AND q IN (${queue:singlequote}) AND"
                                        + " n = $tenant AND c = '${queue:csv}'",
                                vars,
                                FROM,
                                TO))
                .isEqualTo(
                        "t = 'default' AND q IN ('sales','o\\'brien') AND n = default AND c ="
                                + " 'sales,o'brien'");
    }

    @Test
    void refusesWhatWouldNotRunOn1816OrIsUnknown() {
        assertThatThrownBy(
                        () -> GrafanaQuery.expand("SELECT $__timeInterval(t)", Map.of(), FROM, TO))
                .hasMessageContaining("toStartOfInterval");
        assertThatThrownBy(() -> GrafanaQuery.expand("SELECT $nope", Map.of(), FROM, TO))
                .hasMessageContaining("unknown variable $nope");
    }
}
