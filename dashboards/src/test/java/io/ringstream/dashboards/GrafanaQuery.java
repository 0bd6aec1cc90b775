package io.ringstream.dashboards;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Expands a panel's SQL the way Grafana and the grafana-clickhouse-datasource plugin would before
 * sending it, so tests can run dashboard queries against a real server. Macro expansions follow the
 * plugin's definitions: {@code $__timeFilter(c)} is {@code c >= toDateTime(from) AND c <=
 * toDateTime(to)} in epoch seconds; {@code $__fromTime}/{@code $__toTime} are {@code
 * toDateTime(epoch seconds)}. {@code $__timeInterval} is refused: it expands to toStartOfInterval,
 * which 18.16 lacks.
 */
final class GrafanaQuery {
    private static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(([^)]*)\\)");
    private static final Pattern DATE_FILTER = Pattern.compile("\\$__dateFilter\\(([^)]*)\\)");
    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\{(\\w+)(?::(\\w+))?}|\\$(?!__)(\\w+)");

    private GrafanaQuery() {}

    /**
     * @param variables name to selected values (a multi-value variable may hold several)
     * @throws IllegalArgumentException for an unknown variable or an unsupported macro
     */
    static String expand(
            String sql, Map<String, List<String>> variables, Instant from, Instant to) {
        if (sql.contains("$__timeInterval")) {
            throw new IllegalArgumentException(
                    "$__timeInterval expands to toStartOfInterval, which ClickHouse 18.16 lacks");
        }
        String out = sql;
        out =
                replaceAll(
                        out,
                        TIME_FILTER,
                        m -> {
                            String column = m.group(1).strip();
                            return column
                                    + " >= "
                                    + dateTime(from)
                                    + " AND "
                                    + column
                                    + " <= "
                                    + dateTime(to);
                        });
        out =
                replaceAll(
                        out,
                        DATE_FILTER,
                        m -> {
                            String column = m.group(1).strip();
                            return column
                                    + " >= "
                                    + date(from)
                                    + " AND "
                                    + column
                                    + " <= "
                                    + date(to);
                        });
        out = out.replace("$__fromTime", dateTime(from)).replace("$__toTime", dateTime(to));
        out =
                replaceAll(
                        out,
                        VARIABLE,
                        m -> {
                            String name = m.group(1) != null ? m.group(1) : m.group(3);
                            String format = m.group(2);
                            List<String> values = variables.get(name);
                            if (values == null) {
                                throw new IllegalArgumentException("unknown variable $" + name);
                            }
                            return format(values, format);
                        });
        if (out.contains("$")) {
            throw new IllegalArgumentException("unexpanded $ left in: " + out);
        }
        return out;
    }

    private static String format(List<String> values, String format) {
        if (format == null || format.equals("csv") || format.equals("raw")) {
            return String.join(",", values);
        }
        if (format.equals("singlequote")) {
            return values.stream()
                    .map(v -> "'" + v.replace("'", "\\'") + "'")
                    .collect(Collectors.joining(","));
        }
        throw new IllegalArgumentException("unsupported variable format :" + format);
    }

    private static String dateTime(Instant t) {
        return "toDateTime(" + t.getEpochSecond() + ")";
    }

    private static String date(Instant t) {
        return "toDate('" + t.toString().substring(0, 10) + "')";
    }

    private static String replaceAll(String text, Pattern pattern, Function<Matcher, String> f) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(f.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
