package io.ringstream.routing.wallboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Reads the wallboard's figures of today from ClickHouse with {@link WallboardQueries}, one
 * connection per read, and turns the counters into KPIs with {@link QueueCounters} and {@link
 * AgentDay}. The day is the UTC day of {@code clock}.
 */
public final class ClickHouseKpiSource implements KpiSource {
    private final DataSource dataSource;
    private final Clock clock;

    public ClickHouseKpiSource(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public KpiFigures today(String tenant, LiveFigures live) {
        long now = clock.millis();
        LocalDate day = Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC).toLocalDate();
        long dayStartMillis = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        try (Connection connection = dataSource.getConnection()) {
            List<KpiFigures.QueueToday> queues = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement(WallboardQueries.QUEUES)) {
                s.setString(1, tenant);
                s.setLong(2, dayStartMillis / 1000);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        queues.add(queueCounters(rs).today());
                    }
                }
            }
            List<KpiFigures.Interval> intervals = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement(WallboardQueries.INTERVALS)) {
                s.setString(1, tenant);
                s.setLong(2, dayStartMillis / 1000);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        intervals.add(interval(rs));
                    }
                }
            }
            Map<String, AgentDay> agents = agentDays(connection, tenant, day, dayStartMillis);
            for (LiveFigures.AgentNow a : live.agents()) {
                agents.computeIfAbsent(
                        a.agentId(), id -> new AgentDay(id, 0, 0, 0, 0, 0, List.of(), List.of()));
            }
            Map<String, Double> sentiment = sentiment(connection, tenant, live.currentContacts());
            return new KpiFigures(
                    now,
                    false,
                    queues,
                    agentsToday(agents, live, sentiment, dayStartMillis, now),
                    intervals);
        } catch (SQLException | RuntimeException e) {
            throw new KpisUnavailableException("cannot read wallboard figures: " + e, e);
        }
    }

    private Map<String, AgentDay> agentDays(
            Connection connection, String tenant, LocalDate day, long dayStartMillis)
            throws SQLException {
        Map<String, long[]> contacts = new TreeMap<>();
        try (PreparedStatement s = connection.prepareStatement(WallboardQueries.AGENT_CONTACTS)) {
            dayParameters(s, tenant, day, dayStartMillis);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    contacts.put(
                            rs.getString(1),
                            new long[] {
                                rs.getLong(2),
                                rs.getLong(3),
                                rs.getLong(4),
                                holdMillis(rs.getString(6)),
                                rs.getLong(5)
                            });
                }
            }
        }
        Map<String, String> states = new TreeMap<>();
        try (PreparedStatement s = connection.prepareStatement(WallboardQueries.AGENT_STATES)) {
            agentStatesParameters(s, tenant, day, dayStartMillis);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    states.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        Map<String, AgentDay> out = new TreeMap<>();
        for (String agent : union(contacts.keySet(), states.keySet())) {
            long[] c = contacts.getOrDefault(agent, new long[5]);
            List<String> types = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            String encoded = states.get(agent);
            if (encoded != null && !encoded.isEmpty()) {
                for (String item : encoded.split(",")) {
                    int colon = item.indexOf(':');
                    times.add(Long.parseLong(item.substring(0, colon)));
                    types.add(item.substring(colon + 1));
                }
            }
            out.put(agent, new AgentDay(agent, c[0], c[1], c[2], c[3], c[4], types, times));
        }
        return out;
    }

    private Map<String, Double> sentiment(
            Connection connection, String tenant, List<String> currentContacts)
            throws SQLException {
        Map<String, Double> out = new TreeMap<>();
        if (currentContacts.isEmpty()) {
            return out;
        }
        try (PreparedStatement s =
                connection.prepareStatement(WallboardQueries.sentiment(currentContacts.size()))) {
            s.setString(1, tenant);
            for (int i = 0; i < currentContacts.size(); i++) {
                s.setString(i + 2, currentContacts.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getDouble(2));
                }
            }
        }
        return out;
    }

    /** The hold time of {@code time:TYPE:contact,...} (AGENT_CONTACTS' last column). */
    static long holdMillis(String encoded) {
        List<String> types = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<String> contacts = new ArrayList<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String item : encoded.split(",")) {
                String[] parts = item.split(":", 3);
                times.add(Long.parseLong(parts[0]));
                types.add(parts[1]);
                contacts.add(parts[2]);
            }
        }
        return HoldTime.millis(types, times, contacts);
    }

    /**
     * Each agent's day, with the sentiment of its first current contact that has one (an agent on
     * several chats shows the first listed).
     */
    static List<KpiFigures.AgentToday> agentsToday(
            Map<String, AgentDay> days,
            LiveFigures live,
            Map<String, Double> sentiment,
            long dayStartMillis,
            long now) {
        Map<String, Double> byAgent = new TreeMap<>();
        for (LiveFigures.AgentNow a : live.agents()) {
            a.contacts().stream()
                    .filter(sentiment::containsKey)
                    .findFirst()
                    .ifPresent(c -> byAgent.put(a.agentId(), sentiment.get(c)));
        }
        return days.values().stream()
                .map(d -> d.today(dayStartMillis, now, byAgent.get(d.agentId())))
                .toList();
    }

    static QueueCounters queueCounters(ResultSet rs) throws SQLException {
        long erlang = rs.getLong(16);
        return new QueueCounters(
                rs.getString(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getLong(6),
                rs.getLong(7),
                rs.getLong(8),
                rs.getLong(9),
                rs.getLong(10),
                rs.getLong(11),
                rs.getLong(12),
                rs.getString(13),
                rs.getDouble(14),
                rs.getLong(15),
                erlang < 0 ? null : erlang,
                rs.getDouble(17));
    }

    static KpiFigures.Interval interval(ResultSet rs) throws SQLException {
        QueueCounters c =
                new QueueCounters(
                        "",
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        0,
                        0,
                        0,
                        0,
                        0,
                        rs.getString(8),
                        null,
                        null,
                        null,
                        null);
        return new KpiFigures.Interval(
                rs.getLong(1) * 1000, c.offered(), c.answered(), c.abandoned(), c.serviceLevel());
    }

    /** Binds {@link WallboardQueries#AGENT_CONTACTS}' parameters (public for the benchmark). */
    public static void dayParameters(
            PreparedStatement s, String tenant, LocalDate day, long dayStartMillis)
            throws SQLException {
        s.setString(1, tenant);
        s.setString(2, day.toString());
        s.setLong(3, dayStartMillis);
        s.setLong(4, dayStartMillis / 1000);
    }

    /** Binds {@link WallboardQueries#AGENT_STATES}' parameters (public for the benchmark). */
    public static void agentStatesParameters(
            PreparedStatement s, String tenant, LocalDate day, long dayStartMillis)
            throws SQLException {
        dayParameters(s, tenant, day, dayStartMillis);
        s.setLong(5, dayStartMillis);
    }

    private static List<String> union(
            java.util.Collection<String> a, java.util.Collection<String> b) {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
