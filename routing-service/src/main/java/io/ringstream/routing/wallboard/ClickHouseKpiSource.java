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
 * connection per read, and turns the counters into KPIs with {@link QueueCounters}; agents' figures
 * come ready from {@code agent_kpis}' day rows. The day is the UTC day of {@code clock}.
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
            Map<String, KpiFigures.AgentToday> agents =
                    agentDays(connection, tenant, dayStartMillis);
            for (LiveFigures.AgentNow a : live.agents()) {
                agents.computeIfAbsent(
                        a.agentId(), id -> new KpiFigures.AgentToday(id, 0, null, null, null));
            }
            Map<String, Double> sentiment = sentiment(connection, tenant, live.currentContacts());
            return new KpiFigures(
                    now, false, queues, agentsToday(agents, live, sentiment), intervals);
        } catch (SQLException | RuntimeException e) {
            throw new KpisUnavailableException("cannot read wallboard figures: " + e, e);
        }
    }

    /** Today's agent_kpis day row of each agent, by agent id. */
    private Map<String, KpiFigures.AgentToday> agentDays(
            Connection connection, String tenant, long dayStartMillis) throws SQLException {
        Map<String, KpiFigures.AgentToday> out = new TreeMap<>();
        try (PreparedStatement s = connection.prepareStatement(WallboardQueries.AGENTS)) {
            s.setString(1, tenant);
            s.setLong(2, dayStartMillis / 1000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String agent = rs.getString(1);
                    double aht = rs.getDouble(3);
                    Double ahtSeconds = rs.wasNull() ? null : aht / 1000;
                    double occupancy = rs.getDouble(4);
                    out.put(
                            agent,
                            new KpiFigures.AgentToday(
                                    agent,
                                    rs.getLong(2),
                                    ahtSeconds,
                                    rs.wasNull() ? null : occupancy,
                                    null));
                }
            }
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

    /**
     * Each agent's day, with the sentiment of its first current contact that has one (an agent on
     * several chats shows the first listed).
     */
    static List<KpiFigures.AgentToday> agentsToday(
            Map<String, KpiFigures.AgentToday> days,
            LiveFigures live,
            Map<String, Double> sentiment) {
        Map<String, Double> byAgent = new TreeMap<>();
        for (LiveFigures.AgentNow a : live.agents()) {
            a.contacts().stream()
                    .filter(sentiment::containsKey)
                    .findFirst()
                    .ifPresent(c -> byAgent.put(a.agentId(), sentiment.get(c)));
        }
        return days.values().stream()
                .map(
                        d ->
                                new KpiFigures.AgentToday(
                                        d.agentId(),
                                        d.contactsToday(),
                                        d.ahtSeconds(),
                                        d.occupancy(),
                                        byAgent.get(d.agentId())))
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
}
