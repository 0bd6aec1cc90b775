package io.ringstream.gateway.bench;

import io.ringstream.events.topics.Topics;
import io.ringstream.gateway.ChannelGateway;
import io.ringstream.gateway.GatewaySettings;
import io.ringstream.kafka.EmbeddedKafkaBroker;
import io.ringstream.kafka.EventPublisher;
import io.ringstream.kafka.TopicInstaller;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * The server side of {@link ChatGatewayBench}, one per process so the load generator shares neither
 * heap nor threads with what it measures. Modes: {@code infra} (the in-JVM Kafka broker and {@link
 * BenchRouting}), {@code gateway KAFKA ROUTING_URL} (the real {@link ChannelGateway}) and {@code
 * relay} (the {@link RelayServer} reference). It prints {@code BENCH ...} lines the benchmark reads
 * and answers {@code heap} on its standard input with the heap used after a full collection; it
 * stops at {@code quit} or when its input closes.
 */
public final class ChatBenchServer {
    static final String SECRET = "a-chat-benchmark-secret-of-32-bytes+++";
    static final String ORIGIN = "http://127.0.0.1:8080";

    private ChatBenchServer() {}

    public static void main(String[] args) throws Exception {
        AutoCloseable running;
        switch (args[0]) {
            case "infra" -> {
                Path dir = Files.createTempDirectory("ringstream-chat-bench");
                EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
                TopicInstaller.install(kafka.bootstrapServers(), Topics.ALL);
                EventPublisher publisher = EventPublisher.create(kafka.bootstrapServers());
                BenchRouting routing = new BenchRouting(publisher);
                System.out.println("BENCH infra " + kafka.bootstrapServers() + " " + routing.url());
                running =
                        () -> {
                            routing.close();
                            publisher.close();
                            kafka.close();
                        };
            }
            case "gateway" -> {
                ChannelGateway gateway =
                        ChannelGateway.start(
                                GatewaySettings.fromEnvironment(env(args[1], args[2])));
                Awaitility.await().atMost(Duration.ofMinutes(1)).until(gateway::ready);
                System.out.println("BENCH port " + gateway.port());
                running = gateway;
            }
            case "relay" -> {
                RelayServer relay = new RelayServer();
                System.out.println("BENCH port " + relay.port());
                running = relay;
            }
            default -> throw new IllegalArgumentException("mode infra|gateway|relay: " + args[0]);
        }
        BufferedReader in =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals("heap")) {
                System.out.println("BENCH heap " + heapAfterGc());
            } else if (line.equals("quit")) {
                break;
            }
        }
        running.close();
        System.exit(0);
    }

    /** The gateway as the benchmark runs it: caps raised above the load, nothing else changed. */
    private static Map<String, String> env(String kafka, String routing) {
        Map<String, String> env = new HashMap<>();
        env.put(GatewaySettings.PORT, "0");
        env.put(GatewaySettings.HOST, "127.0.0.1");
        env.put(GatewaySettings.KAFKA, kafka);
        env.put(GatewaySettings.JWT_SECRET, SECRET);
        env.put(GatewaySettings.ROUTING_URL, routing);
        env.put("RINGSTREAM_ROUTING_TOKEN", "bench-pbx-token");
        env.put(GatewaySettings.ALLOWED_ORIGINS, ORIGIN);
        env.put(GatewaySettings.MAX_SESSIONS, "1000000");
        env.put(GatewaySettings.MAX_SESSIONS_PER_ADDRESS, "1000000");
        env.put(GatewaySettings.ADDRESS_RATE, "1000000");
        env.put(GatewaySettings.IDLE_SECONDS, "900");
        env.put(GatewaySettings.ASSIGNMENT_LOOKBACK_SECONDS, "1");
        return env;
    }

    /**
     * The used heap once full collections stop freeing more than 1% (at most 10 of them): a measure
     * that settles on what is live, with no waiting on a clock.
     */
    private static long heapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            boolean settled = now >= used * 0.99;
            used = Math.min(used, now);
            if (settled) {
                break;
            }
        }
        return used;
    }
}
