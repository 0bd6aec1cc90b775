package io.ringstream.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ringstream.clickhouse.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Grafana accepts broken dashboards silently; these rules catch what would render empty, and what
 * would read a table the schema does not promise (queue figures come from queue_kpis only).
 */
class DashboardStructureTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern QUALIFIED_TABLE =
            Pattern.compile("\\b" + Table.DATABASE + "\\.`?(\\w+)`?");
    private static final Pattern QUEUE_KPIS_READ =
            Pattern.compile(
                    "\\b" + Pattern.quote(Table.QUEUE_KPIS.qualifiedName()) + "\\b(\\s+FINAL\\b)?");

    @Test
    void thereAreDashboardsAndTheWallboardIsOne() {
        assertThat(Dashboards.files())
                .extracting(p -> p.getFileName().toString())
                .contains(
                        "queue-wallboard.json",
                        "service-wallboard.json",
                        "conversion.json",
                        "customers.json");
        assertThat(Dashboards.read(wallboard()).path("uid").asText())
                .isEqualTo("ringstream-queue-wallboard");
        assertThat(
                        Dashboards.read(
                                        Dashboards.moduleDir()
                                                .resolve("grafana/service-wallboard.json"))
                                .path("uid")
                                .asText())
                .isEqualTo("ringstream-service-wallboard");
    }

    @Test
    void everyDashboardHasAUniqueStableUidAndADatasourceVariable() {
        Set<String> uids = new HashSet<>();
        for (Path file : Dashboards.files()) {
            JsonNode dashboard = Dashboards.read(file);
            String uid = dashboard.path("uid").asText();
            assertThat(uid).as(file + " uid").isNotBlank().hasSizeLessThanOrEqualTo(40);
            assertThat(uids.add(uid)).as("duplicate uid " + uid).isTrue();
            assertThat(dashboard.path("title").asText()).as(file + " title").isNotBlank();

            List<JsonNode> datasourceVariables =
                    Dashboards.variables(dashboard).stream()
                            .filter(v -> v.path("type").asText().equals("datasource"))
                            .filter(v -> v.path("name").asText().equals("datasource"))
                            .toList();
            assertThat(datasourceVariables).as(file + " datasource variable").hasSize(1);
            assertThat(datasourceVariables.get(0).path("query").asText())
                    .isEqualTo(Dashboards.DATASOURCE_TYPE);
        }
    }

    @Test
    void everyPanelAndQueryVariableTargetsTheDatasourceVariable() {
        for (Path file : Dashboards.files()) {
            JsonNode dashboard = Dashboards.read(file);
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : Dashboards.panels(dashboard)) {
                String name = file.getFileName() + " / " + panel.path("title").asText();
                assertThat(ids.add(panel.path("id").asInt())).as(name + " unique id").isTrue();
                if (panel.path("type").asText().equals("row")) {
                    continue;
                }
                assertDatasource(panel.path("datasource"), name);
                assertThat(panel.path("targets")).as(name + " targets").isNotEmpty();
                for (JsonNode target : panel.path("targets")) {
                    assertDatasource(target.path("datasource"), name + " target");
                    assertThat(target.path("editorType").asText()).as(name).isEqualTo("sql");
                    assertThat(target.path("rawSql").asText()).as(name + " rawSql").isNotBlank();
                }
            }
            for (JsonNode variable : Dashboards.variables(dashboard)) {
                if (variable.path("type").asText().equals("query")) {
                    assertDatasource(
                            variable.path("datasource"),
                            file.getFileName() + " / $" + variable.path("name").asText());
                }
            }
        }
    }

    @Test
    void sqlAvoidsWhatClickHouse1816Lacks() {
        for (Path file : Dashboards.files()) {
            for (Dashboards.NamedQuery query : Dashboards.queries(Dashboards.read(file))) {
                assertThat(query.sql())
                        .as(query.toString())
                        .doesNotContain(
                                "$__timeInterval",
                                "toStartOfInterval",
                                "DateTime64",
                                "fromUnixTimestamp64",
                                "$__fromTime_ms",
                                "$__toTime_ms",
                                "$__timeFilter_ms")
                        .doesNotContainPattern("(?i)\\bOVER\\s*\\(");
            }
        }
    }

    @Test
    void conversionAndCustomersHaveStableUidsAndTheirVariables() {
        JsonNode conversion = read("conversion.json");
        assertThat(conversion.path("uid").asText()).isEqualTo("ringstream-conversion");
        assertThat(Dashboards.variables(conversion))
                .extracting(v -> v.path("name").asText() + ":" + v.path("type").asText())
                .containsExactly("datasource:datasource", "tenant:query", "funnel:query");

        JsonNode customers = read("customers.json");
        assertThat(customers.path("uid").asText()).isEqualTo("ringstream-customers");
        assertThat(Dashboards.variables(customers))
                .extracting(v -> v.path("name").asText() + ":" + v.path("type").asText())
                .containsExactly("datasource:datasource", "tenant:query", "movement_days:custom");
    }

    @Test
    void panelsSitInsideTheGridWithoutOverlapping() {
        for (Path file : Dashboards.files()) {
            List<int[]> boxes = new ArrayList<>();
            for (JsonNode panel : Dashboards.panels(Dashboards.read(file))) {
                String name = file.getFileName() + " / " + panel.path("title").asText();
                JsonNode grid = panel.path("gridPos");
                int x = grid.path("x").asInt(-1);
                int y = grid.path("y").asInt(-1);
                int w = grid.path("w").asInt(0);
                int h = grid.path("h").asInt(0);
                assertThat(x).as(name + " x").isBetween(0, 23);
                assertThat(y).as(name + " y").isNotNegative();
                assertThat(w).as(name + " w").isPositive();
                assertThat(h).as(name + " h").isPositive();
                assertThat(x + w).as(name + " right edge").isLessThanOrEqualTo(24);
                for (int[] other : boxes) {
                    boolean overlaps =
                            x < other[0] + other[2]
                                    && other[0] < x + w
                                    && y < other[1] + other[3]
                                    && other[1] < y + h;
                    assertThat(overlaps).as(name + " overlaps another panel").isFalse();
                }
                boxes.add(new int[] {x, y, w, h});
            }
        }
    }

    @Test
    void linksPointAtTheOtherProvisionedDashboards() {
        Set<String> uids = new HashSet<>();
        for (Path file : Dashboards.files()) {
            uids.add(Dashboards.read(file).path("uid").asText());
        }
        for (Path file : Dashboards.files()) {
            JsonNode dashboard = Dashboards.read(file);
            Set<String> targets = new HashSet<>();
            for (JsonNode link : dashboard.path("links")) {
                String url = link.path("url").asText();
                assertThat(url).as(file + " link").startsWith("/d/");
                targets.add(url.substring("/d/".length()));
                assertThat(link.path("keepTime").asBoolean()).as(file + " " + url).isTrue();
                assertThat(link.path("includeVars").asBoolean()).as(file + " " + url).isTrue();
            }
            Set<String> others = new HashSet<>(uids);
            others.remove(dashboard.path("uid").asText());
            assertThat(targets).as(file + " links every other dashboard").isEqualTo(others);
        }
    }

    @Test
    void conversionAndCustomerPanelsReadTheJobsTablesWithFinal() {
        // The conversion job rewrites these rows with growing versions: a panel without FINAL
        // would count superseded ones. A scalar max() over them, and the variables' DISTINCT
        // lists, are not changed by duplicates and may read them plainly.
        List<Table> versioned =
                List.of(
                        Table.FUNNEL_STATS,
                        Table.FUNNEL_CHANNEL_DAYS,
                        Table.FUNNEL_AGENT_DAYS,
                        Table.CUSTOMER_VALUE,
                        Table.CUSTOMER_VALUE_DAYS,
                        Table.CUSTOMER_VALUE_FITS);
        int readers = 0;
        for (String name : List.of("conversion.json", "customers.json")) {
            for (Dashboards.NamedQuery query : Dashboards.queries(read(name))) {
                if (query.where().startsWith("variable ")) {
                    continue;
                }
                for (Table table : versioned) {
                    Pattern read =
                            Pattern.compile(
                                    "\\b"
                                            + Pattern.quote(table.qualifiedName())
                                            + "\\b(?!\\s+FINAL)");
                    Matcher plain = read.matcher(query.sql());
                    while (plain.find()) {
                        String before = query.sql().substring(0, plain.start());
                        assertThat(before)
                                .as(query + " reads " + table.tableName() + " without FINAL")
                                .endsWith("max(" + maxColumn(table) + ") FROM ");
                    }
                    if (query.sql().contains(table.qualifiedName() + " FINAL")) {
                        readers++;
                    }
                }
            }
        }
        assertThat(readers).isGreaterThanOrEqualTo(16);
    }

    private static String maxColumn(Table table) {
        return table.tableName().startsWith("funnel_") ? "step" : "as_of";
    }

    private static JsonNode read(String name) {
        return Dashboards.read(Dashboards.moduleDir().resolve("grafana").resolve(name));
    }

    @Test
    void noDashboardReadsTheRetiredQueueIntervalStats() {
        // queue_kpis is the one source of queue figures; the old table is for analysts only.
        Pattern retired = Pattern.compile("\\b" + Table.QUEUE_INTERVAL_STATS.tableName() + "\\b");
        for (Path file : Dashboards.files()) {
            for (Dashboards.NamedQuery query : Dashboards.queries(Dashboards.read(file))) {
                assertThat(query.sql()).as(query.toString()).doesNotContainPattern(retired);
            }
        }
    }

    @Test
    void everyTableADashboardNamesIsInTheTableRegistry() {
        Set<String> registered =
                Arrays.stream(Table.values()).map(Table::tableName).collect(Collectors.toSet());
        Set<String> named = new TreeSet<>();
        for (Path file : Dashboards.files()) {
            for (Dashboards.NamedQuery query : Dashboards.queries(Dashboards.read(file))) {
                Matcher m = QUALIFIED_TABLE.matcher(query.sql());
                while (m.find()) {
                    assertThat(registered).as(query + " reads " + m.group()).contains(m.group(1));
                    named.add(m.group(1));
                }
            }
        }
        assertThat(named)
                .as("the rule saw the dashboards' reads")
                .contains(Table.QUEUE_KPIS.tableName(), Table.AGENT_EVENTS.tableName());
    }

    @Test
    void queueWallboardTakesQueueFiguresFromQueueKpisIntervalRowsWithFinal() {
        List<String> readers = new ArrayList<>();
        for (Dashboards.NamedQuery query : Dashboards.queries(Dashboards.read(wallboard()))) {
            Matcher m = QUEUE_KPIS_READ.matcher(query.sql());
            boolean reads = false;
            // Variables only list tenants and queues, key columns every version of a row shares:
            // DISTINCT without FINAL is the same set, and FINAL made them the slowest queries of
            // the dashboard on 30 days (docs/benchmarks.md, issue 13).
            boolean listsKeys = query.where().startsWith("variable ");
            while (m.find()) {
                reads = true;
                if (!listsKeys) {
                    assertThat(m.group(1))
                            .as(query + " reads queue_kpis without FINAL")
                            .isNotNull();
                }
            }
            if (reads) {
                readers.add(query.where());
                assertThat(query.sql())
                        .as(query + " leaves out the sliding rows")
                        .contains("window_kind = 'interval'");
            }
        }
        assertThat(readers)
                .containsExactlyInAnyOrder(
                        "variable tenant",
                        "variable queue",
                        "panel Service level per queue",
                        "panel Contacts waiting now",
                        "panel ASA (average speed of answer)",
                        "panel Abandon rate",
                        "panel Offered, answered, abandoned per 15 minutes",
                        "panel Service level per 15 minutes");
    }

    @Test
    void queueWallboardServiceLevelStaysAnsweredOnlyAndSaysSo() {
        JsonNode wallboard = Dashboards.read(wallboard());
        for (String title : List.of("Service level per queue", "Service level per 15 minutes")) {
            assertThat(Dashboards.panelSql(wallboard, title))
                    .as(title)
                    .contains("sum(answered_within_threshold) / sum(answered)");
            assertThat(Dashboards.panel(wallboard, title).path("description").asText())
                    .as(title + " description")
                    .containsIgnoringCase("answered-only");
        }
    }

    @Test
    void provisioningPointsAtTheComposeServiceAndTheDashboardFolder() throws IOException {
        Path provisioning = Dashboards.moduleDir().resolve("provisioning");
        JsonNode datasources =
                YAML.readTree(provisioning.resolve("datasources/clickhouse.yaml").toFile());
        JsonNode ds = datasources.path("datasources").path(0);
        assertThat(ds.path("type").asText()).isEqualTo(Dashboards.DATASOURCE_TYPE);
        assertThat(ds.path("jsonData").path("host").asText()).isEqualTo("clickhouse");
        assertThat(ds.path("jsonData").path("defaultDatabase").asText()).isEqualTo("ringstream");
        assertThat(ds.path("jsonData").path("username").asText())
                .as("the read-only user the ClickHouse init script creates")
                .isEqualTo("grafana");
        assertThat(ds.path("secureJsonData").path("password").asText())
                .as("the password comes from Grafana's environment, never from this file")
                .isEqualTo("${RINGSTREAM_CLICKHOUSE_GRAFANA_PASSWORD}");
        String defaultDatasource = ds.path("uid").asText();
        for (Path file : Dashboards.files()) {
            JsonNode current =
                    Dashboards.variables(Dashboards.read(file)).stream()
                            .filter(v -> v.path("name").asText().equals("datasource"))
                            .findFirst()
                            .orElseThrow()
                            .path("current");
            assertThat(current.path("value").asText())
                    .as(file + " defaults to the provisioned data source")
                    .isEqualTo(defaultDatasource);
        }

        JsonNode providers =
                YAML.readTree(provisioning.resolve("dashboards/ringstream.yaml").toFile());
        JsonNode provider = providers.path("providers").path(0);
        assertThat(provider.path("type").asText()).isEqualTo("file");
        assertThat(provider.path("options").path("path").asText())
                .isEqualTo("/var/lib/grafana/dashboards");
    }

    private static void assertDatasource(JsonNode datasource, String where) {
        assertThat(datasource.path("type").asText())
                .as(where + " datasource type")
                .isEqualTo(Dashboards.DATASOURCE_TYPE);
        assertThat(datasource.path("uid").asText())
                .as(where + " datasource uid")
                .isEqualTo("${datasource}");
    }

    private static Path wallboard() {
        return Dashboards.moduleDir().resolve("grafana/queue-wallboard.json");
    }
}
