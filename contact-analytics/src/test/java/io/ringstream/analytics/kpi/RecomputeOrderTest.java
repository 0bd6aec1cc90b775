package io.ringstream.analytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.clickhouse.ClasspathMigrations;
import io.ringstream.clickhouse.Migration;
import io.ringstream.events.AgentEventType;
import io.ringstream.events.ContactEventType;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The recompute views (migration V032, or a later one that recreates them) order one millisecond's
 * events by type the way the KPI rules do, by the enums' declaration order, spelled out as {@code
 * indexOf([...], type)}. A type added to or moved in an enum needs a migration that recreates the
 * views with it, or SQL and stream disagree.
 */
class RecomputeOrderTest {
    private static final Pattern TYPE_ORDER = Pattern.compile("indexOf\\(\\[([^\\]]*)\\], type\\)");

    @Test
    void theViewsOrderEventTypesAsTheEnumsDeclareThem() {
        List<List<String>> orders = typeOrdersOf("contact_kpi_facts");

        assertThat(orders)
                .containsExactly(names(ContactEventType.values()), names(AgentEventType.values()));
    }

    @Test
    void theRulesApplyOneMillisecondsEventsInDeclarationOrder() {
        assertThat(ContactEventType.QUEUED.ordinal())
                .isLessThan(ContactEventType.ANSWERED.ordinal());
        assertThat(ContactEventType.ANSWERED.ordinal())
                .isLessThan(ContactEventType.TALK_ENDED.ordinal());
        assertThat(ContactEventType.TALK_ENDED.ordinal())
                .isLessThan(ContactEventType.WRAPUP_ENDED.ordinal());
    }

    /** The type orders of the newest migration that (re)defines {@code view}. */
    private static List<List<String>> typeOrdersOf(String view) {
        Migration migration =
                ClasspathMigrations.load().stream()
                        .filter(
                                m ->
                                        String.join("\n", m.statements())
                                                .contains("VIEW IF NOT EXISTS ringstream." + view))
                        .max(java.util.Comparator.comparingInt(Migration::version))
                        .orElseThrow();
        String sql = String.join("\n", migration.statements());
        Matcher m = TYPE_ORDER.matcher(sql);
        List<List<String>> orders = new java.util.ArrayList<>();
        while (m.find()) {
            orders.add(
                    Arrays.stream(m.group(1).split(","))
                            .map(t -> t.trim().replace("'", ""))
                            .toList());
        }
        return orders;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
