package io.ringstream.gateway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * How many chat sessions the channel gateway holds on this machine at one message per session per
 * 10 s, with what visitor→agent latency, CPU and heap per idle session; and the same clients
 * against a bare Netty WebSocket relay as the floor. Three processes: the in-JVM Kafka broker with
 * a stand-in routing-service ({@code infra}), the server measured ({@code gateway} or {@code
 * relay}, a fresh one per step), and this one, the load generator. Steps through the session counts
 * given and stops stepping when a step shows errors, lost messages or a p99 above 1 s. A benchmark,
 * not a test: run it by hand (docs/benchmarks.md, "Chat gateway").
 *
 * <p>Arguments: {@code [measured seconds per step, default 60] [session counts, default 1000 5000
 * 10000 20000]}.
 */
public final class ChatGatewayBench {
    /** Each session's message period; {@code -Dchatbench.periodMs=1000} probes CPU headroom. */
    static final Duration PERIOD = Duration.ofMillis(Long.getLong("chatbench.periodMs", 10_000));

    static final int SESSIONS_PER_AGENT = 3;
    static final int RAMP_PER_SECOND = 1_000;
    static final Duration WARM_UP = Duration.ofSeconds(10);
    static final Duration SETTLE = Duration.ofSeconds(120);
    static final Path LOGS = Path.of("target", "chat-bench");

    private ChatGatewayBench() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        List<Integer> steps = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            steps.add(Integer.parseInt(args[i]));
        }
        if (steps.isEmpty()) {
            steps = List.of(1_000, 5_000, 10_000, 20_000);
        }
        Files.createDirectories(LOGS);
        System.out.printf(
                Locale.ROOT,
                "chat gateway: 1 message per session per %.1f s, 1 agent per %d sessions, ramp %d"
                        + " sessions/s, %d s measured after %d s warm-up, %d cores, load average %s%n",
                PERIOD.toMillis() / 1000.0,
                SESSIONS_PER_AGENT,
                RAMP_PER_SECOND,
                seconds,
                WARM_UP.toSeconds(),
                Runtime.getRuntime().availableProcessors(),
                loadAverage());
        System.out.println(
                "server  | sessions | agents | ready/assigned | ramp until all assigned s | heap base/agents/sessions MB |"
                        + " heap per session / per agent conn KB | msgs/s | delivered/sent |"
                        + " p50 / p99 / max ms | server CPU % of 1 core | load gen CPU % |"
                        + " errors/closes/connect failures | load avg before → after");
        try (Server infra = Server.start("infra")) {
            String[] kafkaAndRouting = infra.await("infra").split(" ");
            for (int n : steps) {
                boolean healthy = step("gateway", n, seconds, kafkaAndRouting);
                step("relay", n, seconds, kafkaAndRouting);
                if (!healthy) {
                    System.out.println("stopping: the gateway did not keep up at " + n);
                    break;
                }
            }
        }
        System.exit(0);
    }

    /** One server at one session count; true when it kept up (no errors, no loss, p99 ≤ 1 s). */
    private static boolean step(String mode, int n, int seconds, String[] infra) throws Exception {
        String load = loadAverage();
        int agentCount = (n + SESSIONS_PER_AGENT - 1) / SESSIONS_PER_AGENT;
        try (Server server =
                        mode.equals("gateway")
                                ? Server.start("gateway", infra[0], infra[1])
                                : Server.start("relay");
                LoadClients clients =
                        new LoadClients(
                                mode.equals("relay"), Integer.parseInt(server.await("port")))) {
            long heapBase = server.heap();
            for (int a = 0; a < agentCount; a++) {
                clients.connectAgent(a);
            }
            awaitCount(clients.agentsReady::get, agentCount, clients);
            long heapAgents = server.heap();
            long rampStart = System.nanoTime();
            for (int v = 0; v < n; v++) {
                clients.connectVisitor(v, agentCount);
                if (v % (RAMP_PER_SECOND / 10) == RAMP_PER_SECOND / 10 - 1) {
                    long due = rampStart + (v + 1) * 1_000_000_000L / RAMP_PER_SECOND;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait); // pacing the open-loop ramp
                    }
                }
            }
            awaitCount(clients.visitorsAssigned::get, n, clients);
            if (mode.equals("gateway")) {
                awaitCount(clients.conversationsAtAgents::get, n, clients);
            }
            double setup = (System.nanoTime() - rampStart) / 1e9;
            long heapSessions = server.heap();

            clients.startMessages(PERIOD);
            TimeUnit.MILLISECONDS.sleep(WARM_UP.toMillis());
            long cpu0 = server.cpuNanos();
            long ownCpu0 = cpuNanos(ProcessHandle.current());
            long t0 = System.nanoTime();
            long sent0 = clients.startWindow();
            TimeUnit.SECONDS.sleep(seconds);
            long sent1 = clients.endWindow();
            long t1 = System.nanoTime();
            long cpu1 = server.cpuNanos();
            long ownCpu1 = cpuNanos(ProcessHandle.current());
            TimeUnit.SECONDS.sleep(3); // late deliveries of the window's last sends
            clients.stopMessages();
            long[] lat = clients.latencies();
            long sentInWindow = sent1 - sent0;
            double wall = (t1 - t0) / 1e9;
            double p99 = percentile(lat, 0.99);
            if (!clients.closeCodes.isEmpty()) {
                System.err.println(mode + " " + n + ": close frames " + clients.closeCodes);
            }
            int errors = clients.errorFrames.get();
            int closes = clients.unexpectedCloses.get();
            int failures = clients.connectFailures.get();
            System.out.printf(
                    Locale.ROOT,
                    "%-7s | %,8d | %,6d | %,d/%,d | %.1f | %.1f / %.1f / %.1f | %.2f / %.2f | %,.0f |"
                            + " %,d/%,d | %.2f / %.2f / %.2f | %.1f | %.1f | %d/%d/%d | %s → %s%n",
                    mode,
                    n,
                    agentCount,
                    clients.visitorsReady.get(),
                    clients.visitorsAssigned.get(),
                    setup,
                    heapBase / 1048576.0,
                    heapAgents / 1048576.0,
                    heapSessions / 1048576.0,
                    (heapSessions - heapAgents) / 1024.0 / n,
                    (heapAgents - heapBase) / 1024.0 / agentCount,
                    sentInWindow / wall,
                    lat.length,
                    sentInWindow,
                    percentile(lat, 0.50),
                    p99,
                    lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6,
                    100.0 * (cpu1 - cpu0) / (t1 - t0),
                    100.0 * (ownCpu1 - ownCpu0) / (t1 - t0),
                    errors,
                    closes,
                    failures,
                    load,
                    loadAverage());
            return errors == 0
                    && closes == 0
                    && failures == 0
                    && lat.length >= sentInWindow
                    && p99 <= 1_000;
        }
    }

    /** Waits until the count is reached or has not moved for a while (then the row shows it). */
    private static void awaitCount(IntSupplier count, int target, LoadClients clients)
            throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (count.getAsInt() < target && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100); // polling another process's progress
            if (clients.connectFailures.get() + clients.unexpectedCloses.get() > target / 10 + 10) {
                return;
            }
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0];
        } catch (IOException e) {
            return "?";
        }
    }

    static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /**
     * A {@link ChatBenchServer} child process on this JVM's class path: its {@code BENCH} lines
     * come through {@link #await}, the rest goes to target/chat-bench/MODE.log.
     */
    static final class Server implements AutoCloseable {
        private final Process process;
        private final PrintWriter commands;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private Server(Process process, Path log) {
            this.process = process;
            this.commands =
                    new PrintWriter(
                            new OutputStreamWriter(
                                    process.getOutputStream(), StandardCharsets.UTF_8),
                            true);
            Thread reader =
                    new Thread(
                            () -> {
                                try (BufferedReader in =
                                                new BufferedReader(
                                                        new InputStreamReader(
                                                                process.getInputStream(),
                                                                StandardCharsets.UTF_8));
                                        Writer out =
                                                Files.newBufferedWriter(
                                                        log, StandardCharsets.UTF_8)) {
                                    for (String line = in.readLine();
                                            line != null;
                                            line = in.readLine()) {
                                        if (line.startsWith("BENCH ")) {
                                            lines.add(line.substring(6));
                                        } else {
                                            out.write(line + "\n");
                                            out.flush();
                                        }
                                    }
                                } catch (IOException e) {
                                    // the process ended
                                }
                            },
                            "bench-server-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Server start(String... args) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.add(System.getProperty("chatbench.serverHeap", "-Xmx2g"));
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(ChatBenchServer.class.getName());
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            return new Server(p, LOGS.resolve(args[0] + ".log"));
        }

        /** The value of the next {@code BENCH key value} line, which must be {@code key}. */
        String await(String key) throws InterruptedException {
            String line = lines.poll(120, TimeUnit.SECONDS);
            if (line == null || !line.startsWith(key + " ")) {
                throw new IllegalStateException(
                        "expected '"
                                + key
                                + "' from the server, got "
                                + line
                                + " (see "
                                + LOGS
                                + ")");
            }
            return line.substring(key.length() + 1);
        }

        long heap() throws InterruptedException {
            commands.println("heap");
            return Long.parseLong(await("heap"));
        }

        long cpuNanos() {
            return ChatGatewayBench.cpuNanos(process.toHandle());
        }

        @Override
        public void close() throws InterruptedException {
            commands.println("quit");
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
