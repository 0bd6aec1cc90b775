package io.ringstream.e2e.wallboard;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.ringstream.routing.kafka.RoutingFeeds;
import io.ringstream.security.Role;
import io.ringstream.security.credentials.CredentialStore;
import io.ringstream.security.credentials.PasswordHasher;
import io.ringstream.security.credentials.UserRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;

/**
 * The server side of {@link WallboardFanOutBench}: the real routing-service (Micronaut, real HTTP,
 * its Kafka feeds and ClickHouse KPI poll) alone in its own process, so the load generator's 200
 * streams share neither heap nor threads with what is measured. It creates the benchmark's
 * supervisor, prints {@code BENCH port N}, then answers on its standard input: {@code cpu} (this
 * process's CPU time, ns) and {@code heap} (the heap used after full collections); it stops at
 * {@code quit} or when its input closes.
 *
 * <p>Arguments: Kafka bootstrap servers, ClickHouse JDBC URL, a directory for the signing key and
 * the users file.
 */
public final class WallboardBenchServer {
    static final String TENANT = "bench";
    static final String SUPERVISOR = "boss";
    static final String PASSWORD = "wallboard-bench-password-1";

    private WallboardBenchServer() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[2]);
        Files.createDirectories(dir);
        // bcrypt cost 4: the 200 logins are set-up, not what is measured (default 12, ~0.25 s
        // each).
        EmbeddedServer server =
                ApplicationContext.run(
                        EmbeddedServer.class,
                        Map.of(
                                "ringstream.kafka.bootstrap",
                                args[0],
                                "ringstream.clickhouse.url",
                                args[1],
                                "micronaut.server.port",
                                -1,
                                "micronaut.server.host",
                                "127.0.0.1",
                                "ringstream.security.jwt-secret-file",
                                dir.resolve("jwt.key").toString(),
                                "ringstream.security.users-file",
                                dir.resolve("users.json").toString(),
                                "ringstream.security.bcrypt-cost",
                                4));
        RoutingFeeds feeds = server.getApplicationContext().getBean(RoutingFeeds.class);
        Awaitility.await().atMost(Duration.ofMinutes(1)).until(feeds::ready);
        CredentialStore store = server.getApplicationContext().getBean(CredentialStore.class);
        PasswordHasher hasher = server.getApplicationContext().getBean(PasswordHasher.class);
        store.putUser(
                new UserRecord(TENANT, SUPERVISOR, Set.of(Role.SUPERVISOR), hasher.hash(PASSWORD)));
        System.out.println("BENCH port " + server.getPort());
        BufferedReader in =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals("cpu")) {
                System.out.println("BENCH cpu " + cpuNanos());
            } else if (line.equals("heap")) {
                System.out.println("BENCH heap " + heapAfterGc());
            } else if (line.equals("quit")) {
                break;
            }
        }
        server.close();
        System.exit(0);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * The used heap once full collections stop freeing more than 1% (at most 10 of them), as the
     * chat benchmark measures it: what is live, with no waiting on a clock.
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
