package io.ringstream.launcher.demochat;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated chat agents of {@code up}'s demo floor: {@link #AGENTS} users of tenant {@code
 * default}, created once like the human agent (each with its password file), each a {@link
 * SimulatedChatAgent}. They share the floor with a human who logs in from the desktop: routing
 * offers each chat to the best fit among the idle agents, the human included.
 */
public final class DemoChatAgents implements AutoCloseable {
    /** One simulated agent: its id (user name), the name it greets with, its endpoint. */
    public record Seat(String agentId, String displayName, String endpoint) {}

    public static final List<Seat> AGENTS =
            List.of(
                    new Seat("chat-1", "Mia", "PJSIP/1101"),
                    new Seat("chat-2", "Leo", "PJSIP/1102"),
                    new Seat("chat-3", "Zoe", "PJSIP/1103"));

    private final List<SimulatedChatAgent> agents = new ArrayList<>();

    /**
     * @param passwords each seat's login password, in {@link #AGENTS}' order (empty: that agent
     *     sits out, e.g. its password file was removed)
     */
    public DemoChatAgents(
            URI routingService,
            URI gateway,
            String origin,
            String tenant,
            List<java.util.Optional<String>> passwords,
            long seed) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        for (int i = 0; i < AGENTS.size(); i++) {
            Seat seat = AGENTS.get(i);
            int index = i;
            passwords
                    .get(i)
                    .ifPresent(
                            password ->
                                    agents.add(
                                            new SimulatedChatAgent(
                                                    seat.agentId(),
                                                    seat.displayName(),
                                                    new AgentApi(
                                                            http,
                                                            routingService,
                                                            tenant,
                                                            seat.agentId(),
                                                            password),
                                                    http,
                                                    gateway,
                                                    origin,
                                                    seed * 31 + index)));
        }
    }

    public void start() {
        agents.forEach(SimulatedChatAgent::start);
    }

    public int size() {
        return agents.size();
    }

    @Override
    public void close() {
        agents.forEach(SimulatedChatAgent::close);
    }
}
