package io.ringstream.flink.sla.kpi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recompute queries exactly as docs/kpis.md gives them to analysts: the test runs the
 * documentation, so the two cannot drift apart.
 */
final class RecomputeSql {
    private static final Pattern BLOCK =
            Pattern.compile("<!-- recompute:(\\w+) -->\\s*```sql\\n(.*?)```", Pattern.DOTALL);

    private final Map<String, String> queries;

    private RecomputeSql(Map<String, String> queries) {
        this.queries = queries;
    }

    static RecomputeSql fromDocs() throws IOException {
        Path docs = Path.of("..", "docs", "kpis.md");
        if (!Files.exists(docs)) {
            docs = Path.of("docs", "kpis.md");
        }
        Matcher m = BLOCK.matcher(Files.readString(docs));
        Map<String, String> found = new java.util.HashMap<>();
        while (m.find()) {
            found.put(m.group(1), m.group(2));
        }
        return new RecomputeSql(Map.copyOf(found));
    }

    /** The named query with its placeholders filled in. */
    String query(String name, Map<String, String> values) {
        String sql = queries.get(name);
        if (sql == null) {
            throw new IllegalStateException("docs/kpis.md has no recompute:" + name + " query");
        }
        for (Map.Entry<String, String> v : values.entrySet()) {
            sql = sql.replace("{" + v.getKey() + "}", v.getValue());
        }
        if (sql.contains("{")) {
            throw new IllegalStateException(
                    "unfilled placeholder in recompute:" + name + ": " + sql);
        }
        return sql;
    }
}
