package io.ringstream.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Grafana accepts broken dashboards silently; these rules catch what would render empty. */
class DashboardStructureTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void thereAreDashboardsAndTheWallboardIsOne() {
        assertThat(Dashboards.files())
                .extracting(p -> p.getFileName().toString())
                .contains("queue-wallboard.json", "service-wallboard.json");
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
    void provisioningPointsAtTheComposeServiceAndTheDashboardFolder() throws IOException {
        Path provisioning = Dashboards.moduleDir().resolve("provisioning");
        JsonNode datasources =
                YAML.readTree(provisioning.resolve("datasources/clickhouse.yaml").toFile());
        JsonNode ds = datasources.path("datasources").path(0);
        assertThat(ds.path("type").asText()).isEqualTo(Dashboards.DATASOURCE_TYPE);
        assertThat(ds.path("jsonData").path("host").asText()).isEqualTo("clickhouse");
        assertThat(ds.path("jsonData").path("defaultDatabase").asText()).isEqualTo("ringstream");
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
