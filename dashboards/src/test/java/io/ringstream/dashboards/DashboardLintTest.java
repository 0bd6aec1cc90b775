package io.ringstream.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What Grafana needs to render each dashboard, checked without Grafana (it cannot be installed on
 * our machines): known panel types, the SLA-breaches annotation on the datasource variable, the
 * tenant and queue variables where the data has them, and a queue table linking to the agents.
 */
class DashboardLintTest {
    /** Core panel types of Grafana 10/11 the dashboards use; a typo renders "Panel not found". */
    private static final Set<String> PANEL_TYPES =
            Set.of(
                    "row",
                    "stat",
                    "bargauge",
                    "barchart",
                    "timeseries",
                    "table",
                    "state-timeline",
                    "gauge",
                    "piechart",
                    "text");

    /** Dashboards over tables without tenant/queue columns (dead_letters) or without queues. */
    private static final Set<String> WITHOUT_QUEUE =
            Set.of("ringstream-conversion", "ringstream-customers", "ringstream-dead-letters");

    @Test
    void theNewDashboardsExistWithStableUids() {
        List<String> uids = new ArrayList<>();
        Dashboards.files().forEach(f -> uids.add(Dashboards.read(f).path("uid").asText()));
        assertThat(uids)
                .contains("ringstream-agents", "ringstream-routing", "ringstream-dead-letters")
                .hasSize(7);
    }

    @Test
    void everyPanelHasAKnownTypeAndEveryDashboardASchemaVersion() {
        for (Path file : Dashboards.files()) {
            JsonNode dashboard = Dashboards.read(file);
            assertThat(dashboard.path("schemaVersion").asInt())
                    .as(file + " schemaVersion")
                    .isPositive();
            for (JsonNode panel : Dashboards.panels(dashboard)) {
                assertThat(PANEL_TYPES)
                        .as(file.getFileName() + " / " + panel.path("title").asText())
                        .contains(panel.path("type").asText());
                assertThat(panel.path("id").isInt()).isTrue();
            }
        }
    }

    @Test
    void everyDashboardAnnotatesItsLatestSlaBreaches() {
        for (Path file : Dashboards.files()) {
            JsonNode dashboard = Dashboards.read(file);
            JsonNode breaches = null;
            for (JsonNode a : dashboard.path("annotations").path("list")) {
                if (a.path("name").asText().equals("SLA breaches")) {
                    breaches = a;
                }
            }
            assertThat(breaches).as(file + " SLA breaches annotation").isNotNull();
            assertThat(breaches.path("enable").asBoolean()).isTrue();
            assertThat(breaches.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            assertThat(breaches.path("datasource").path("type").asText())
                    .isEqualTo(Dashboards.DATASOURCE_TYPE);
            String sql = breaches.path("target").path("rawSql").asText();
            assertThat(sql)
                    .as(file + " annotation")
                    .contains(
                            // sla_events' BREACH rows, sorted by time (migration V055), each
                            // once (a redelivery is the same row).
                            "FROM ringstream.sla_breaches\n",
                            "LIMIT 1 BY event_id",
                            "$__timeFilter(event_time)",
                            "AS time",
                            "AS text",
                            // The latest 1,000 on a long range, not its first hours.
                            "ORDER BY time DESC\nLIMIT 1000");
            if (!dashboard.path("uid").asText().equals("ringstream-dead-letters")) {
                assertThat(sql).contains("tenant = ${tenant:singlequote}");
            }
        }
    }

    @Test
    void tenantAndQueueVariablesWhereTheDataHasThem() {
        for (Path file : Dashboards.files()) {
            JsonNode dashboard = Dashboards.read(file);
            String uid = dashboard.path("uid").asText();
            List<String> names = new ArrayList<>();
            Dashboards.variables(dashboard).forEach(v -> names.add(v.path("name").asText()));
            if (!uid.equals("ringstream-dead-letters")) {
                assertThat(names).as(uid).contains("tenant");
            }
            if (!WITHOUT_QUEUE.contains(uid)) {
                assertThat(names).as(uid).contains("queue");
            }
        }
    }

    @Test
    void everyDashboardWithQueuesLinksAQueueToItsAgents() {
        for (Path file : Dashboards.files()) {
            JsonNode dashboard = Dashboards.read(file);
            String uid = dashboard.path("uid").asText();
            if (WITHOUT_QUEUE.contains(uid)) {
                continue;
            }
            int linking = 0;
            for (JsonNode panel : Dashboards.panels(dashboard)) {
                for (JsonNode link : panel.path("fieldConfig").path("defaults").path("links")) {
                    String url = link.path("url").asText();
                    if (url.startsWith("/d/ringstream-agents?")) {
                        assertThat(url)
                                .contains(
                                        "var-queue=${__data.fields.queue}", "var-tenant=${tenant}");
                        assertThat(Dashboards.panelSql(dashboard, panel.path("title").asText()))
                                .as("the linking panel has a queue column")
                                .containsPattern("(?m)^\\s*queue,?$");
                        linking++;
                    }
                }
            }
            assertThat(linking).as(uid + " queue data link to the agents").isPositive();
        }
    }

    @Test
    void annotationsAvoidWhatClickHouse1816Lacks() {
        for (Path file : Dashboards.files()) {
            for (Dashboards.NamedQuery q : Dashboards.annotationQueries(Dashboards.read(file))) {
                assertThat(q.sql())
                        .as(q.toString())
                        .doesNotContain("$__timeInterval", "toStartOfInterval", "DateTime64");
            }
        }
    }
}
