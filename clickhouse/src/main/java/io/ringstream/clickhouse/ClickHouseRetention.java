package io.ringstream.clickhouse;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Retention for the event tables by dropping whole monthly partitions, because ClickHouse 18.16
 * rejects table TTL ({@code TTL event_date + INTERVAL 400 DAY} is a syntax error there). Dropping a
 * partition works on every release and costs no merge.
 *
 * <p>A month is dropped only when all of it is older than the retention, so rows live at least
 * their retention and at most one month longer.
 */
public final class ClickHouseRetention {
    /** Days raw events are kept. */
    public static final int EVENT_RETENTION_DAYS = Table.EVENT_RETENTION_DAYS;

    /**
     * Tables and their retention in days, from the {@link Table} registry. queue_interval_stats and
     * queue_kpis are absent on purpose: at under 1,600 rows per queue and day (96 intervals, 1,440
     * sliding minutes) they stay small and are what year-over-year reports read. agent_kpis too (97
     * rows per agent and day once merged).
     */
    public static final Map<String, Integer> DEFAULT_POLICY = defaultPolicy();

    private static final DateTimeFormatter YYYYMM = DateTimeFormatter.ofPattern("yyyyMM");

    private final ClickHouseJdbc jdbc;
    private final Map<String, Integer> retentionDays;

    /**
     * @param jdbc access to the server
     * @param retentionDays fully qualified table name to days kept; each table must be partitioned
     *     by {@code toYYYYMM(...)}
     */
    public ClickHouseRetention(ClickHouseJdbc jdbc, Map<String, Integer> retentionDays) {
        this.jdbc = jdbc;
        this.retentionDays = Map.copyOf(retentionDays);
    }

    public static ClickHouseRetention withDefaultPolicy(ClickHouseJdbc jdbc) {
        return new ClickHouseRetention(jdbc, DEFAULT_POLICY);
    }

    /**
     * Drops every monthly partition that lies entirely before {@code today - retention}.
     *
     * @return what was dropped, as {@code table/partition} (e.g. {@code
     *     ringstream.contact_events/202301})
     */
    public List<String> dropExpiredPartitions(LocalDate today) {
        List<String> dropped = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : retentionDays.entrySet()) {
            String table = entry.getKey();
            String[] dbAndTable = table.split("\\.", 2);
            List<List<String>> partitions =
                    jdbc.query(
                            "SELECT DISTINCT partition FROM system.parts WHERE active"
                                    + " AND database = '"
                                    + dbAndTable[0]
                                    + "' AND table = '"
                                    + dbAndTable[1]
                                    + "' ORDER BY partition");
            for (List<String> row : partitions) {
                String partition = row.get(0);
                if (isExpired(partition, today, entry.getValue())) {
                    jdbc.execute("ALTER TABLE " + table + " DROP PARTITION " + partition);
                    dropped.add(table + "/" + partition);
                }
            }
        }
        return List.copyOf(dropped);
    }

    /**
     * Whether the month {@code yyyymm} ends before the first day still kept.
     *
     * @throws IllegalArgumentException if the partition is not a {@code toYYYYMM} value
     */
    static boolean isExpired(String yyyymm, LocalDate today, int retentionDays) {
        YearMonth month;
        try {
            month = YearMonth.parse(yyyymm, YYYYMM);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "partition " + yyyymm + " is not a toYYYYMM month; cannot apply retention", e);
        }
        LocalDate firstKeptDay = today.minusDays(retentionDays);
        return month.atEndOfMonth().isBefore(firstKeptDay);
    }

    /** Every registered table with a retention ({@link Table#retentionDays()}). */
    private static Map<String, Integer> defaultPolicy() {
        Map<String, Integer> policy = new LinkedHashMap<>();
        for (Table table : Table.values()) {
            table.retentionDays().ifPresent(days -> policy.put(table.qualifiedName(), days));
        }
        return Collections.unmodifiableMap(policy);
    }
}
