package io.ringstream.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the module's dashboards from disk, so tests check exactly what Grafana will load. */
final class Dashboards {
    static final String DATASOURCE_TYPE = "grafana-clickhouse-datasource";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Dashboards() {}

    /** The module directory (Maven passes it; the working directory is the fallback). */
    static Path moduleDir() {
        return Path.of(System.getProperty("ringstream.dashboards.dir", "."));
    }

    static List<Path> files() {
        try (Stream<Path> files = Files.list(moduleDir().resolve("grafana"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    /** Every panel, including those nested in (collapsed) rows. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    static List<JsonNode> variables(JsonNode dashboard) {
        List<JsonNode> variables = new ArrayList<>();
        dashboard.path("templating").path("list").forEach(variables::add);
        return variables;
    }

    /** Every SQL text Grafana would send: panel targets and query variables. */
    static List<NamedQuery> queries(JsonNode dashboard) {
        String uid = dashboard.path("uid").asText();
        List<NamedQuery> queries = new ArrayList<>();
        for (JsonNode variable : variables(dashboard)) {
            if (variable.path("type").asText().equals("query")) {
                queries.add(
                        new NamedQuery(
                                uid,
                                "variable " + variable.path("name").asText(),
                                variableSql(variable.path("query"))));
            }
        }
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(
                        new NamedQuery(
                                uid,
                                "panel " + panel.path("title").asText(),
                                target.path("rawSql").asText()));
            }
        }
        return queries;
    }

    /** The SQL of every annotation, as Grafana sends it alongside the panels. */
    static List<NamedQuery> annotationQueries(JsonNode dashboard) {
        String uid = dashboard.path("uid").asText();
        List<NamedQuery> queries = new ArrayList<>();
        for (JsonNode annotation : dashboard.path("annotations").path("list")) {
            String sql = annotation.path("target").path("rawSql").asText();
            if (!sql.isBlank()) {
                queries.add(
                        new NamedQuery(uid, "annotation " + annotation.path("name").asText(), sql));
            }
        }
        return queries;
    }

    /** A variable query is either a plain string or the plugin's object with rawSql. */
    private static String variableSql(JsonNode query) {
        return query.isTextual() ? query.asText() : query.path("rawSql").asText();
    }

    /** The panel titled {@code title}. */
    static JsonNode panel(JsonNode dashboard, String title) {
        return panels(dashboard).stream()
                .filter(p -> p.path("title").asText().equals(title))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no panel titled " + title));
    }

    /** The SQL of the first target of the panel titled {@code title}. */
    static String panelSql(JsonNode dashboard, String title) {
        return panel(dashboard, title).path("targets").path(0).path("rawSql").asText();
    }

    record NamedQuery(String dashboardUid, String where, String sql) {
        @Override
        public String toString() {
            return dashboardUid + " / " + where;
        }
    }
}
