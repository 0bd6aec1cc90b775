package io.ringstream.e2e.wallboard;

import io.ringstream.clickhouse.LocalClickHouseServer;
import io.ringstream.events.Channel;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.events.RoutingStatus;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.events.topics.Topics;
import io.ringstream.kafka.EmbeddedKafkaBroker;
import io.ringstream.kafka.EventPublisher;
import io.ringstream.kafka.TopicInstaller;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Issue 13's fan-out benchmark: how long an event takes to reach EVERY open wallboard when 200 are
 * open on 2 cores, and what the server spends on it. Three processes: this one (the in-JVM Kafka
 * broker, the publisher and the 200 pages), routing-service alone in {@link WallboardBenchServer},
 * and a local clickhouse-server for its KPI poll. Each page logs in ({@code POST /v1/auth/session})
 * and holds {@code /v1/wallboard/stream} open with its session cookie, as a browser's EventSource
 * does. Routing statuses (a center of 10 queues and 100 agents, as the routing job publishes them)
 * go to Kafka at a fixed rate, open loop, plus one supervisor alert a second; each is known by its
 * send time. Per event: the delay until the last page had it, and every page's delay; the server's
 * CPU time over the measurement; its heap after GC with the pages open. The reference in the same
 * run is one page. A benchmark, not a test (docs/benchmarks.md, "Wallboard fan-out").
 *
 * <p>Arguments: {@code [measured seconds per rate, default 15] [pages, default 200] [rates per
 * second, default 5 20]}.
 */
public final class WallboardFanOutBench {
    private static final int QUEUES = 10;
    private static final int AGENTS = Integer.getInteger("wallboardbench.agents", 100);
    private static final int WARM_UP_SECONDS = 3;
    private static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();

    private WallboardFanOutBench() {}

    /** One measured row. */
    private record Row(
            int pages,
            int rate,
            int events,
            long received,
            long expected,
            long[] lastPage,
            long[] perPage,
            double serverCpu,
            double generatorCpu,
            long heap) {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int pages = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        List<Integer> rates = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            rates.add(Integer.parseInt(args[i]));
        }
        if (rates.isEmpty()) {
            rates = List.of(5, 20);
        }
        Path dir = Files.createTempDirectory("ringstream-wallboard-bench");
        Path logs = Path.of("target/wallboard-bench");
        Files.createDirectories(logs);
        List<Row> rows = new ArrayList<>();
        long heapIdle;
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
                LocalClickHouseServer clickhouse =
                        LocalClickHouseServer.startOnFreePorts(dir.resolve("clickhouse"));
                EventPublisher publisher = EventPublisher.create(kafka.bootstrapServers())) {
            TopicInstaller.install(kafka.bootstrapServers(), Topics.ALL);
            clickhouse.migrate();
            try (Server server =
                    Server.start(
                            kafka.bootstrapServers(),
                            clickhouse.jdbcUrl(),
                            dir.resolve("service"),
                            logs.resolve("server.log"))) {
                String base = "http://127.0.0.1:" + server.port;
                Publisher events = new Publisher(publisher);
                events.status(System.currentTimeMillis());
                heapIdle = server.heap();
                for (int n : List.of(1, pages)) {
                    List<BenchPage> open = open(base, n);
                    long heap = server.heap();
                    for (int rate : rates) {
                        rows.add(measure(events, server, open, rate, seconds, heap));
                    }
                    open.forEach(BenchPage::close);
                }
            }
        }
        print(rows, heapIdle, seconds);
        System.exit(0);
    }

    /**
     * Opens {@code n} pages, each with its own session, and waits until each has its first event.
     */
    private static List<BenchPage> open(String base, int n) throws Exception {
        List<BenchPage> pages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BenchPage page = new BenchPage(i);
            HttpRequest stream =
                    HttpRequest.newBuilder(URI.create(base + "/v1/wallboard/stream"))
                            .header("Accept", "text/event-stream")
                            .header("Cookie", session(base))
                            .build();
            HTTP.sendAsync(stream, HttpResponse.BodyHandlers.fromLineSubscriber(page));
            pages.add(page);
        }
        for (BenchPage page : pages) {
            if (!page.connected().await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a page got no first event within 60 s");
            }
        }
        return pages;
    }

    private static String session(String base) throws Exception {
        String body =
                String.format(
                        "{\"tenant\":\"%s\",\"username\":\"%s\",\"password\":\"%s\"}",
                        WallboardBenchServer.TENANT,
                        WallboardBenchServer.SUPERVISOR,
                        WallboardBenchServer.PASSWORD);
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/v1/auth/session"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        String cookie = r.headers().firstValue("Set-Cookie").orElse(null);
        if (r.statusCode() != 204 || cookie == null) {
            throw new IllegalStateException("login: " + r.statusCode() + " " + r.body());
        }
        return cookie.substring(0, cookie.indexOf(';'));
    }

    /**
     * A warm-up at the rate (its events are not measured), then {@code seconds} of statuses at
     * {@code rate} and an alert a second, open loop; then waits (at most 10 s) for every page to
     * have every event.
     */
    private static Row measure(
            Publisher events,
            Server server,
            List<BenchPage> pages,
            int rate,
            int seconds,
            long heap)
            throws Exception {
        events.run(rate, WARM_UP_SECONDS, null);
        int statuses = rate * seconds;
        int count = statuses + seconds;
        BenchPage.Phase phase = new BenchPage.Phase(pages.size(), count);
        pages.forEach(p -> p.measure(phase));
        long cpu0 = server.cpu();
        long own0 = ownCpu();
        long wall0 = System.nanoTime();
        long[] sent = events.run(rate, seconds, phase);
        phase.all.await(10, TimeUnit.SECONDS);
        long wall = System.nanoTime() - wall0;
        double serverCpu = (server.cpu() - cpu0) / (double) wall;
        double ownCpu = (ownCpu() - own0) / (double) wall;
        pages.forEach(p -> p.measure(null));
        long received = 0;
        long[] lastPage = new long[count];
        List<Long> perPage = new ArrayList<>();
        for (int e = 0; e < count; e++) {
            long last = 0;
            boolean everyPage = true;
            for (int p = 0; p < pages.size(); p++) {
                long at = phase.arrivals[p].get(e);
                if (at == 0) {
                    everyPage = false;
                    continue;
                }
                received++;
                perPage.add(at - sent[e]);
                last = Math.max(last, at - sent[e]);
            }
            lastPage[e] = everyPage ? last : Long.MAX_VALUE;
        }
        long[] all = perPage.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(all);
        Arrays.sort(lastPage);
        Row row =
                new Row(
                        pages.size(),
                        rate,
                        count,
                        received,
                        (long) count * pages.size(),
                        lastPage,
                        all,
                        serverCpu,
                        ownCpu,
                        heap);
        System.out.println(line(row));
        return row;
    }

    private static long ownCpu() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void print(List<Row> rows, long heapIdle, int seconds) {
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "Wallboard fan-out: %d queues, %d agents per status (a live event of %,d bytes);"
                        + " %d s per rate, one alert/s; server heap after GC with no page open:"
                        + " %.1f MB%n",
                QUEUES,
                AGENTS,
                BenchPage.liveBytes,
                seconds,
                heapIdle / 1e6);
        System.out.println(
                "| Pages | Statuses/s | Events | Received / expected | Last page p50 / p99 / max"
                        + " | Per page p50 / p99 / max | Server CPU (% of one core) | Load"
                        + " generator CPU | Server heap after GC (pages open) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        rows.forEach(r -> System.out.println(line(r)));
    }

    private static String line(Row r) {
        return String.format(
                Locale.ROOT,
                "| %d | %d | %d | %,d / %,d | %s / %s / %s | %s / %s / %s | %.1f %% | %.1f %% |"
                        + " %.1f MB |",
                r.pages,
                r.rate,
                r.events,
                r.received,
                r.expected,
                ms(r.lastPage, 0.50),
                ms(r.lastPage, 0.99),
                ms(r.lastPage, 1.0),
                ms(r.perPage, 0.50),
                ms(r.perPage, 0.99),
                ms(r.perPage, 1.0),
                100 * r.serverCpu,
                100 * r.generatorCpu,
                r.heap / 1e6);
    }

    /** Nearest-rank percentile of sorted nanoseconds, in ms; "lost" when an event missed a page. */
    private static String ms(long[] sorted, double q) {
        if (sorted.length == 0) {
            return "-";
        }
        int i = Math.max(0, (int) Math.ceil(q * sorted.length) - 1);
        long v = sorted[i];
        return v == Long.MAX_VALUE ? "lost" : String.format(Locale.ROOT, "%.1f ms", v / 1e6);
    }

    /**
     * Publishes the events: routing statuses of tenant "bench" (as the routing job would: every
     * queue, every logged-in agent, states moving on) and supervisor alerts.
     */
    private static final class Publisher {
        private final EventPublisher kafka;
        private long sequence;
        private long lastEventTime;

        Publisher(EventPublisher kafka) {
            this.kafka = kafka;
        }

        /**
         * Sends {@code rate} statuses a second for {@code seconds}, and an alert each second
         * (half-way between statuses), each on schedule; returns the send times (nanoTime),
         * statuses first, then alerts, in the phase's numbering.
         */
        long[] run(int rate, int seconds, BenchPage.Phase phase) {
            int statuses = rate * seconds;
            long[] sent = new long[statuses + seconds];
            long start = System.nanoTime();
            long period = 1_000_000_000L / rate;
            int s = 0;
            int a = 0;
            while (s < statuses || a < seconds) {
                long nextStatus = s < statuses ? start + s * period : Long.MAX_VALUE;
                long nextAlert =
                        a < seconds ? start + a * 1_000_000_000L + period / 2 : Long.MAX_VALUE;
                long next = Math.min(nextStatus, nextAlert);
                for (long now = System.nanoTime(); now < next; now = System.nanoTime()) {
                    LockSupport.parkNanos(next - now);
                }
                if (nextStatus <= nextAlert) {
                    long eventTime = Math.max(System.currentTimeMillis(), lastEventTime + 1);
                    lastEventTime = eventTime;
                    if (phase != null) {
                        phase.index.put("s" + eventTime, s);
                    }
                    sent[s] = System.nanoTime();
                    status(eventTime);
                    s++;
                } else {
                    String id = UUID.randomUUID().toString();
                    if (phase != null) {
                        phase.index.put("a" + id, statuses + a);
                    }
                    sent[statuses + a] = System.nanoTime();
                    alert(id);
                    a++;
                }
            }
            return sent;
        }

        void status(long eventTime) {
            sequence++;
            List<RoutingStatus.QueueState> queues = new ArrayList<>();
            for (int q = 0; q < QUEUES; q++) {
                List<RoutingStatus.WaitingContact> waiting = new ArrayList<>();
                int n = (int) ((sequence + q) % 4);
                for (int c = 0; c < n; c++) {
                    waiting.add(
                            new RoutingStatus.WaitingContact(
                                    "c-" + q + "-" + c,
                                    Channel.VOICE,
                                    c + 1,
                                    15_000L * (c + 1),
                                    1_000L * (n - c) * 7,
                                    0,
                                    1,
                                    null));
                }
                queues.add(
                        new RoutingStatus.QueueState(
                                "queue-" + q,
                                n,
                                n == 0 ? 0 : 7_000L * n,
                                15_000L * n,
                                AGENTS / QUEUES / 3,
                                AGENTS * 2 / QUEUES,
                                waiting));
            }
            String[] states = {"AVAILABLE", "BUSY", "BUSY", "WRAP_UP", "NOT_READY", "RESERVED"};
            List<RoutingStatus.AgentState> agents = new ArrayList<>();
            for (int i = 0; i < AGENTS; i++) {
                String state = states[(int) ((i + sequence / 10) % states.length)];
                agents.add(
                        new RoutingStatus.AgentState(
                                "agent-" + i,
                                state,
                                state.equals("NOT_READY") ? "break" : null,
                                "sip:agent-" + i + "@pbx",
                                eventTime - 30_000L * (i % 20),
                                List.of("queue-" + (i % QUEUES), "queue-" + ((i + 1) % QUEUES)),
                                state.equals("BUSY") ? List.of("contact-" + i) : List.of()));
            }
            kafka.publish(
                    Topics.ROUTING_STATUS,
                    new RoutingStatus(
                            RingstreamEvent.CURRENT_SCHEMA_VERSION,
                            UUID.randomUUID().toString(),
                            WallboardBenchServer.TENANT,
                            eventTime,
                            "wallboard-bench",
                            sequence,
                            queues,
                            agents,
                            Map.of()));
        }

        void alert(String id) {
            kafka.publish(
                    Topics.SUPERVISOR_ALERTS,
                    SupervisorAlert.of(
                            id,
                            SupervisorAlert.Kind.SLA_WARNING,
                            WallboardBenchServer.TENANT,
                            "contact-" + id.substring(0, 8),
                            System.currentTimeMillis(),
                            "wallboard-bench",
                            "queue-1",
                            null,
                            SupervisorAlert.Severity.WARNING,
                            "A caller is close to the 20 s answer target",
                            Map.of()));
        }
    }

    /** routing-service in its own JVM ({@link WallboardBenchServer}), driven over its stdin. */
    private static final class Server implements AutoCloseable {
        private final Process process;
        private final PrintWriter in;
        private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        final int port;

        private Server(Process process, Path log) throws Exception {
            this.process = process;
            this.in =
                    new PrintWriter(
                            new BufferedWriter(
                                    new OutputStreamWriter(
                                            process.getOutputStream(), StandardCharsets.UTF_8)),
                            true);
            Thread reader =
                    new Thread(
                            () -> {
                                try (BufferedReader out =
                                                new BufferedReader(
                                                        new InputStreamReader(
                                                                process.getInputStream(),
                                                                StandardCharsets.UTF_8));
                                        PrintWriter file =
                                                new PrintWriter(
                                                        Files.newBufferedWriter(log), true)) {
                                    for (String l = out.readLine(); l != null; l = out.readLine()) {
                                        if (l.startsWith("BENCH ")) {
                                            answers.add(l.substring(6));
                                        } else {
                                            file.println(l);
                                        }
                                    }
                                } catch (IOException e) {
                                    // The server ended.
                                }
                            },
                            "wallboard-bench-server-output");
            reader.setDaemon(true);
            reader.start();
            this.port = Integer.parseInt(answer("port", Duration.ofMinutes(2)));
        }

        static Server start(String kafka, String clickHouse, Path dir, Path log) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>();
            command.add(java);
            command.addAll(
                    Arrays.asList(
                            System.getProperty("wallboardbench.serverHeap", "-Xmx1g").split(" ")));
            command.addAll(
                    List.of(
                            "-cp",
                            System.getProperty("java.class.path"),
                            WallboardBenchServer.class.getName(),
                            kafka,
                            clickHouse,
                            dir.toString()));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            return new Server(p, log);
        }

        long cpu() throws Exception {
            in.println("cpu");
            return Long.parseLong(answer("cpu", Duration.ofSeconds(30)));
        }

        long heap() throws Exception {
            in.println("heap");
            return Long.parseLong(answer("heap", Duration.ofSeconds(60)));
        }

        private String answer(String what, Duration timeout) throws Exception {
            String line = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null || !line.startsWith(what + " ")) {
                throw new IllegalStateException(
                        "server did not answer "
                                + what
                                + " (see target/wallboard-bench/server.log): "
                                + line);
            }
            return line.substring(what.length() + 1);
        }

        @Override
        public void close() throws Exception {
            in.println("quit");
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
