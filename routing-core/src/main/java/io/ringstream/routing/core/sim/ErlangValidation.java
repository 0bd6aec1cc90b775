package io.ringstream.routing.core.sim;

import io.ringstream.events.Channel;
import io.ringstream.queueing.ErlangC;
import io.ringstream.routing.core.QueuePolicy;
import io.ringstream.routing.core.RoutingConfig;
import io.ringstream.routing.core.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The simulator checked against queueing theory: one skill, FIFO, exponential handle times, no
 * abandonment and instant answers is an M/M/N queue, so the routing engine driven by the simulator
 * must reproduce Erlang C (360 calls per 30 min, AHT 240 s: 81.7 % in 20 s with 54 agents, 86.7 %
 * with 55).
 */
public final class ErlangValidation {
    public static final double CALLS_PER_HOUR = 720;
    public static final double AHT_SECONDS = 240;
    public static final double THRESHOLD_SECONDS = 20;

    private ErlangValidation() {}

    /** One staffing level: theory next to simulation. */
    public record Row(int agents, ErlangC.Staffing theory, SimulationResult simulated) {}

    public static SimulationSpec spec(double hours, long seed) {
        QueuePolicy queue = QueuePolicy.simple("general").withStrategy(Strategy.LONGEST_IDLE);
        return new SimulationSpec(
                RoutingConfig.of(queue).withAuditCandidates(1),
                List.of(
                        new AgentGroup(
                                "agent",
                                1,
                                Map.of("general", 1),
                                Set.of(),
                                Map.of(Channel.VOICE, 1),
                                Set.of("general"))),
                List.of(
                        new ContactType(
                                "call",
                                Channel.VOICE,
                                "general",
                                "general",
                                null,
                                CALLS_PER_HOUR,
                                HandleTime.exponential(AHT_SECONDS),
                                0)),
                1,
                hours,
                THRESHOLD_SECONDS,
                0,
                0,
                0,
                0,
                seed);
    }

    public static List<Row> run(List<Integer> staffing, double hours, long seed) {
        double load = ErlangC.load(CALLS_PER_HOUR, 3600, AHT_SECONDS);
        List<Row> rows = new ArrayList<>();
        for (int n : staffing) {
            rows.add(
                    new Row(
                            n,
                            ErlangC.staffing(n, load, AHT_SECONDS, THRESHOLD_SECONDS),
                            Simulator.run(spec(hours, seed), n)));
        }
        return rows;
    }

    public static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append(
                "agents | SL20 Erlang C | SL20 simulated | ASA Erlang C | ASA simulated"
                        + " | occupancy Erlang C | occupancy simulated | calls\n");
        out.append("---|---|---|---|---|---|---|---\n");
        for (Row r : rows) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "%d | %.1f%% | %.1f%% | %.1f s | %.1f s | %.1f%% | %.1f%% | %d%n",
                            r.agents(),
                            100 * r.theory().serviceLevel(),
                            100 * r.simulated().serviceLevel(),
                            r.theory().averageSpeedOfAnswerSeconds(),
                            r.simulated().averageSpeedOfAnswer(),
                            100 * r.theory().occupancy(),
                            100 * r.simulated().occupancy(),
                            r.simulated().answered()));
        }
        return out.toString();
    }
}
