package io.ringstream.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The service wallboard's supervisor-facing rules: the convention variable drives every service
 * level and defaults to the job's, and the colours follow the field's thresholds.
 */
class ServiceWallboardStructureTest {
    private static final Pattern SL_COLUMN =
            Pattern.compile("\\bsl_(answered_only|abandons_count_against|left_queue)\\b");

    @Test
    void variablesAreTenantQueueAndTheThreeConventions() {
        JsonNode wallboard = wallboard();
        assertThat(Dashboards.variables(wallboard))
                .extracting(v -> v.path("name").asText() + ":" + v.path("type").asText())
                .containsExactly(
                        "datasource:datasource",
                        "tenant:query",
                        "queue:query",
                        "convention:custom");
        JsonNode queue = variable("queue");
        assertThat(queue.path("multi").asBoolean()).isTrue();
        assertThat(queue.path("includeAll").asBoolean()).isTrue();

        JsonNode convention = variable("convention");
        assertThat(convention.path("query").asText())
                .isEqualTo("answered_only,abandons_count_against,left_queue");
        List<String> options = new ArrayList<>();
        convention.path("options").forEach(o -> options.add(o.path("value").asText()));
        assertThat(options)
                .containsExactly("answered_only", "abandons_count_against", "left_queue");
    }

    @Test
    void conventionDefaultsToTheOneTheComposeJobIsConfiguredFor() throws IOException {
        String compose = Files.readString(Dashboards.moduleDir().resolve("../docker-compose.yml"));
        Matcher m =
                Pattern.compile(
                                "RINGSTREAM_SL_CONVENTION: \\$\\{RINGSTREAM_SL_CONVENTION:-([\\w-]+)}")
                        .matcher(compose);
        assertThat(m.find()).as("docker-compose sets the job's convention").isTrue();
        String jobDefault = m.group(1).replace('-', '_');

        assertThat(variable("convention").path("current").path("value").asText())
                .isEqualTo(jobDefault);
    }

    @Test
    void everyServiceLevelFollowsTheConventionVariable() {
        int following = 0;
        for (Dashboards.NamedQuery query : Dashboards.queries(wallboard())) {
            assertThat(SL_COLUMN.matcher(query.sql()).find())
                    .as(query + " names a convention's column instead of sl_${convention}")
                    .isFalse();
            if (query.sql().contains("${convention}")) {
                following++;
            }
        }
        // Now, vs target, over the range, per 15 minutes.
        assertThat(following).isEqualTo(4);
    }

    @Test
    void coloursFollowTheFieldsThresholds() {
        for (String title :
                List.of(
                        "Service level now",
                        "Service level (time range)",
                        "Service level per 15 minutes")) {
            JsonNode steps = defaults(title).path("thresholds").path("steps");
            // An 80 % target: red at or below 72 % (90 % of it), amber up to 76 %, green above.
            assertThat(colour(steps, 0.70)).as(title).isEqualTo("red");
            assertThat(colour(steps, 0.72)).as(title).isEqualTo("red");
            assertThat(colour(steps, 0.74)).as(title).isEqualTo("orange");
            assertThat(colour(steps, 0.76)).as(title).isEqualTo("orange");
            assertThat(colour(steps, 0.77)).as(title).isEqualTo("green");
        }

        JsonNode attainment = override("Service level vs target", "attainment");
        assertThat(colour(attainment, 0.9)).isEqualTo("red");
        assertThat(colour(attainment, 0.93)).isEqualTo("orange");
        assertThat(colour(attainment, 0.95)).isEqualTo("orange");
        assertThat(colour(attainment, 0.96)).isEqualTo("green");

        JsonNode wait = defaults("Longest current wait").path("thresholds").path("steps");
        assertThat(defaults("Longest current wait").path("unit").asText()).isEqualTo("s");
        assertThat(colour(wait, 59)).isEqualTo("green");
        assertThat(colour(wait, 60)).isEqualTo("orange");
        assertThat(colour(wait, 119)).isEqualTo("orange");
        assertThat(colour(wait, 120)).isEqualTo("red");
    }

    /** Grafana's absolute thresholds: the colour of the last step whose value is at most v. */
    private static String colour(JsonNode steps, double value) {
        String colour = null;
        for (JsonNode step : steps) {
            if (step.path("value").isNull() || step.path("value").asDouble() <= value) {
                colour = step.path("color").asText();
            }
        }
        return colour;
    }

    private static JsonNode defaults(String title) {
        return panel(title).path("fieldConfig").path("defaults");
    }

    private static JsonNode override(String title, String field) {
        for (JsonNode override : panel(title).path("fieldConfig").path("overrides")) {
            if (override.path("matcher").path("options").asText().equals(field)) {
                for (JsonNode property : override.path("properties")) {
                    if (property.path("id").asText().equals("thresholds")) {
                        return property.path("value").path("steps");
                    }
                }
            }
        }
        throw new AssertionError("no threshold override for " + field + " in " + title);
    }

    private static JsonNode panel(String title) {
        return Dashboards.panel(wallboard(), title);
    }

    private static JsonNode variable(String name) {
        return Dashboards.variables(wallboard()).stream()
                .filter(v -> v.path("name").asText().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static JsonNode wallboard() {
        return Dashboards.read(Dashboards.moduleDir().resolve("grafana/service-wallboard.json"));
    }
}
