package io.ringstream.launcher;

import io.ringstream.bridge.BridgeConfig;
import io.ringstream.bridge.agi.RoutingClient;
import io.ringstream.bridge.ami.AmiBridge;
import io.ringstream.clickhouse.ClickHouseCredentials;
import io.ringstream.clickhouse.ClickHouseJdbc;
import io.ringstream.clickhouse.ClickHouseMigrator;
import io.ringstream.clickhouse.ClickHouseRetention;
import io.ringstream.clickhouse.LocalClickHouseServer;
import io.ringstream.clickhouse.RunningServer;
import io.ringstream.events.topics.Topics;
import io.ringstream.flink.archive.ArchiveJob;
import io.ringstream.flink.conversion.ConversionJob;
import io.ringstream.flink.kit.time.EventTime;
import io.ringstream.flink.routing.RoutingJob;
import io.ringstream.flink.sla.ServiceLevelJob;
import io.ringstream.gateway.ChannelGateway;
import io.ringstream.gateway.GatewaySettings;
import io.ringstream.kafka.EmbeddedKafkaBroker;
import io.ringstream.kafka.EventPublisher;
import io.ringstream.kafka.TopicInstaller;
import io.ringstream.launcher.demochat.DemoChatAgents;
import io.ringstream.launcher.demochat.DemoChatVisitors;
import io.ringstream.pbxsim.TrafficSimulator;
import io.ringstream.pbxsim.ami.AmiServer;
import io.ringstream.postgres.LocalPostgresServer;
import io.ringstream.postgres.RunningPostgres;
import io.ringstream.routing.contract.client.RoutingCredentials;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.ringstream.security.credentials.PasswordHasher;
import io.ringstream.security.tokens.TokenIssuer;
import io.ringstream.sentiment.job.SentimentJob;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on one machine: ClickHouse, PostgreSQL, Kafka, the Flink jobs, the PBX
 * simulator, the bridge, routing-service, the channel gateway and the demo chat floor, started in
 * dependency order and stopped in reverse. Each part is the same code that runs in production; only
 * the wiring is local.
 */
final class LocalStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    /** Every server {@code up} starts listens here only. */
    static final String LOOPBACK = "127.0.0.1";

    // A generous bound for a cold Micronaut start next to five Flink jobs on a small machine.
    private static final Duration ROUTING_SERVICE_START = Duration.ofSeconds(60);

    private final UpOptions options;
    private final LocalLayout layout;
    // Closed in reverse start order, so producers stop before the broker and the job goes last.
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private ClickHouseJdbc clickhouse;

    /** JDBC URL of the customers database, once PostgreSQL runs. */
    private String postgresUrl;

    private AmiBridge bridge;
    private TrafficSimulator simulator;
    private EventPublisher publisher;
    private LocalSecurity.Material security;
    private List<LocalSecurity.DemoAgent> demoAgents = List.of();
    private ChannelGateway gateway;

    LocalStack(UpOptions options) {
        this.options = options;
        this.layout = LocalLayout.of(options.dataDir());
    }

    void start() throws Exception {
        Files.createDirectories(layout.logs());
        startSecurity();
        startClickHouse();
        startPostgres();
        EmbeddedKafkaBroker kafka =
                remember(EmbeddedKafkaBroker.start(layout.kafka(), options.ports().kafka()));
        TopicInstaller.install(kafka.bootstrapServers(), Topics.ALL);
        say("Kafka (KRaft) on " + kafka.bootstrapServers());

        for (LocalJob job : jobs(kafka.bootstrapServers())) {
            startJob(job);
        }
        // Popped after the producers stop and before the jobs do.
        started.push(this::drain);
        publisher = remember(EventPublisher.create(kafka.bootstrapServers()));
        // routing-service before the traffic: the demo's booking system reports to it.
        options.routingJar().ifPresent(jar -> startRoutingService(jar, kafka.bootstrapServers()));
        // After routing-service, which it asks; closed before it (the stack pops in reverse).
        startChannelGateway(kafka.bootstrapServers());
        startPbx(kafka.bootstrapServers());
        startDemoChat();
        say(LocalSecurity.signInHint(layout));
        sayChatPages();
    }

    ClickHouseJdbc clickhouse() {
        return clickhouse;
    }

    /** Events published so far by the bridge and the simulator's chats, for the status line. */
    long eventsPublished() {
        long bridged = bridge == null ? 0 : bridge.stats().published();
        long chats = 0;
        if (simulator != null) {
            TrafficSimulator.Stats s = simulator.stats();
            chats = s.contactEvents() + s.agentEvents() + s.interactions();
        }
        return bridged + chats;
    }

    /** The signing key and the first admin: created on the first start, reused afterwards. */
    private void startSecurity() {
        PasswordHasher hasher = new PasswordHasher(PasswordHasher.DEFAULT_COST);
        security = LocalSecurity.prepare(layout, hasher);
        if (security.adminCreated()) {
            say(
                    "created user "
                            + LocalSecurity.ADMIN_USER
                            + " (tenant "
                            + LocalSecurity.ADMIN_TENANT
                            + ", role ADMIN); its password is in "
                            + layout.adminPassword());
        }
        startDemoAgents(hasher);
        LocalSecurity.DemoAgent supervisor =
                LocalSecurity.demoSupervisor(layout, security.store(), hasher);
        if (supervisor.created()) {
            say(
                    "created user "
                            + supervisor.username()
                            + " (tenant "
                            + LocalSecurity.ADMIN_TENANT
                            + ", role SUPERVISOR); its password is in "
                            + layout.password(supervisor.username()));
        }
    }

    /**
     * The human agent of the desktop and, with the demo chat floor, the simulated chat agents:
     * created on the first start like the admin, each with its password in {@code
     * security/<user>-password}.
     */
    private void startDemoAgents(PasswordHasher hasher) {
        demoAgents =
                LocalSecurity.demoAgents(
                        layout,
                        security.store(),
                        hasher,
                        options.demoChat() ? DemoChatAgents.AGENTS : List.of());
        for (LocalSecurity.DemoAgent agent : demoAgents) {
            if (agent.created()) {
                say(
                        "created user "
                                + agent.username()
                                + " (tenant "
                                + LocalSecurity.ADMIN_TENANT
                                + ", role AGENT); its password is in "
                                + layout.password(agent.username()));
            }
        }
    }

    /**
     * The channel gateway in this JVM, on 127.0.0.1, configured through the same variables as its
     * deployable. It asks routing-service as a machine client whose secret is made for this run. A
     * gateway that cannot start (a port in use) is reported and the rest of {@code up} goes on
     * without chat.
     */
    private void startChannelGateway(String kafkaBootstrap) {
        String secret =
                LocalSecurity.gatewayClientSecret(
                        security.store(), new PasswordHasher(PasswordHasher.DEFAULT_COST));
        Map<String, String> env =
                GatewayEnvironment.forUp(
                        System.getenv(),
                        LOOPBACK,
                        options.ports().gateway(),
                        kafkaBootstrap,
                        layout.signingKey(),
                        options.ports().routing(),
                        LocalSecurity.GATEWAY_CLIENT,
                        secret);
        try {
            gateway = remember(ChannelGateway.start(GatewaySettings.fromEnvironment(env)));
            say(
                    "channel-gateway on http://127.0.0.1:"
                            + gateway.port()
                            + " (WebSocket /chat/ws, webhooks /webhooks/whatsapp and"
                            + " /webhooks/instagram)");
        } catch (RuntimeException e) {
            LOG.warn("channel-gateway did not start", e);
            say(
                    "warning: channel-gateway did not start ("
                            + e.getMessage()
                            + "); no chat this run");
        }
    }

    /**
     * The demo chat floor: simulated visitors and chat agents on the gateway's public doors. Only
     * with the simulator, routing-service and a running gateway; registered last, so it stops
     * first.
     */
    private void startDemoChat() {
        if (!options.demoChat() || gateway == null || options.routingJar().isEmpty()) {
            return;
        }
        URI routing = URI.create("http://127.0.0.1:" + options.ports().routing());
        URI socket = URI.create("ws://127.0.0.1:" + gateway.port() + "/chat/ws");
        String origin = "http://127.0.0.1:" + options.ports().routing();
        DemoChatAgents agents =
                remember(
                        new DemoChatAgents(
                                routing,
                                socket,
                                origin,
                                LocalSecurity.ADMIN_TENANT,
                                demoAgents.stream()
                                        .filter(
                                                a ->
                                                        !a.username()
                                                                .equals(LocalSecurity.HUMAN_AGENT))
                                        .map(LocalSecurity.DemoAgent::password)
                                        .toList(),
                                options.seed()));
        agents.start();
        DemoChatVisitors visitors =
                remember(
                        new DemoChatVisitors(
                                socket, origin, DemoHistory.customers(), options.seed()));
        visitors.start();
        say(
                agents.size()
                        + " simulated chat agents and web-chat visitors (about one chat every "
                        + DemoChatVisitors.MEAN_GAP.toSeconds()
                        + " s) on the gateway; a human agent who goes READY gets chats too");
    }

    /**
     * Where people open the pages, with the human agent's and the supervisor's logins (their
     * password files only: a password never reaches the console).
     */
    private void sayChatPages() {
        if (options.routingJar().isEmpty()) {
            return;
        }
        String pages = "http://127.0.0.1:" + options.ports().routing();
        say("web chat widget demo: " + pages + "/chat/demo");
        say(
                "agent desktop: "
                        + pages
                        + "/desktop  (tenant "
                        + LocalSecurity.ADMIN_TENANT
                        + ", user "
                        + LocalSecurity.HUMAN_AGENT
                        + ", password in "
                        + layout.password(LocalSecurity.HUMAN_AGENT)
                        + ")");
        say(
                "wallboard: "
                        + pages
                        + "/wallboard  (tenant "
                        + LocalSecurity.ADMIN_TENANT
                        + ", user "
                        + LocalSecurity.SUPERVISOR
                        + ", password in "
                        + layout.password(LocalSecurity.SUPERVISOR)
                        + ")");
    }

    private void startClickHouse() {
        Optional<RunningServer> running = LocalClickHouseServer.findRunning(layout.clickhouse());
        String url;
        if (running.isPresent()) {
            url = running.get().jdbcUrl();
            say("ClickHouse already running on " + layout.clickhouse() + ", reusing it");
        } else {
            LocalClickHouseServer server =
                    remember(
                            LocalClickHouseServer.start(
                                            layout.clickhouse(),
                                            options.ports().clickhouseHttp(),
                                            options.ports().clickhouseTcp())
                                    // Stopped in order by close(), after the jobs' last writes.
                                    .stopOnlyWhenClosed());
            url = server.jdbcUrl();
            say(
                    "ClickHouse on http://127.0.0.1:"
                            + server.httpPort()
                            + " (native "
                            + server.tcpPort()
                            + "), data in "
                            + layout.clickhouse());
        }
        ClickHouseMigrator.migrate(url);
        clickhouse = ClickHouseJdbc.connect(url);
        // 18.16 has no table TTL: local mode applies the retention policy at every start.
        List<String> dropped =
                ClickHouseRetention.withDefaultPolicy(clickhouse)
                        .dropExpiredPartitions(LocalDate.now(ZoneOffset.UTC));
        if (!dropped.isEmpty()) {
            say("dropped expired partitions " + dropped);
        }
    }

    /**
     * The customer records' PostgreSQL, reused when a server already runs on the directory (left by
     * a previous {@code up}, or by {@code psql}). routing-service keeps customers in it.
     */
    private void startPostgres() {
        Optional<RunningPostgres> running = LocalPostgresServer.findRunning(layout.postgres());
        if (running.isPresent()) {
            postgresUrl = running.get().jdbcUrl();
            say(
                    "PostgreSQL already running on "
                            + layout.postgres()
                            + " (port "
                            + running.get().port()
                            + "), reusing it");
            return;
        }
        LocalPostgresServer server =
                remember(
                        LocalPostgresServer.start(layout.postgres(), options.ports().postgres())
                                // Stopped in order by close(), after everything using it.
                                .stopOnlyWhenClosed());
        postgresUrl = server.jdbcUrl();
        say(
                "PostgreSQL on 127.0.0.1:"
                        + server.port()
                        + " (database "
                        + LocalPostgresServer.DATABASE
                        + ", user "
                        + server.user()
                        + ", password in "
                        + server.passwordFile()
                        + "), data in "
                        + layout.postgres());
    }

    /** The jobs local mode runs, in start order. */
    private List<LocalJob> jobs(String kafka) {
        String url = clickhouse.url();
        return List.of(
                LocalJob.of("archive", 2, ArchiveJob.DEFINITION, kafka, url, c -> c),
                LocalJob.of(
                        "sla-kpis",
                        1,
                        ServiceLevelJob.DEFINITION,
                        kafka,
                        url,
                        // Producers share this JVM, so a silent partition is simply quiet: let
                        // event time move on after 5 s instead of 30, and the KPIs follow closely.
                        c ->
                                c.withSettings(
                                        s ->
                                                s.withEventTime(
                                                        new EventTime(
                                                                Duration.ofSeconds(5),
                                                                Duration.ofSeconds(5))))),
                LocalJob.of("routing", 1, RoutingJob.DEFINITION, kafka, url, c -> c),
                LocalJob.of("sentiment", 1, SentimentJob.DEFINITION, kafka, url, c -> c),
                LocalJob.of("conversions", 1, ConversionJob.DEFINITION, kafka, url, c -> c));
    }

    private void startJob(LocalJob job) throws Exception {
        Path checkpoints = layout.checkpoints(job.name());
        Path savepoints = layout.savepoints(job.name());
        Files.createDirectories(checkpoints);
        Files.createDirectories(savepoints);
        Optional<String> restore =
                RestorePoints.newest(savepoints, checkpoints).map(p -> p.toUri().toString());
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(
                        job.parallelism(), LocalFlinkConfig.loopbackOnly());
        JobClient client = job.starter().start(checkpoints.toUri().toString(), restore, env);
        started.push(() -> stopJob(job.name(), client, savepoints));
        say(
                "Flink job "
                        + job.name()
                        + " running"
                        + restore.map(p -> ", resumed from " + p).orElse(""));
    }

    /** Stop-with-savepoint flushes every sink; the next start resumes from that savepoint. */
    private void stopJob(String name, JobClient job, Path savepoints) throws Exception {
        try {
            String savepoint =
                    job.stopWithSavepoint(
                                    false,
                                    savepoints.toUri().toString(),
                                    SavepointFormatType.CANONICAL)
                            .get(60, TimeUnit.SECONDS);
            say("Flink job " + name + " stopped; state saved in " + savepoint);
        } catch (Exception e) {
            // The last retained checkpoint is still there for the next start.
            LOG.warn("stop-with-savepoint of {} failed, cancelling it", name, e);
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    /** Runs after the producers stopped and before the job stops. */
    private void drain() {
        say("waiting for the job to write what is still in flight");
        if (!Drain.awaitStatsMatchRaw(clickhouse, Duration.ofSeconds(30))) {
            say("statistics still behind the raw events; the job's saved state holds the rest");
        }
    }

    private void startPbx(String kafkaBootstrap) {
        String host;
        int port;
        AmiServer pbx = null;
        if (options.simulator()) {
            pbx =
                    remember(
                            AmiServer.start(
                                    options.ports().ami(), options.amiUser(), options.amiSecret()));
            host = "127.0.0.1";
            port = pbx.port();
            say(
                    "PBX simulator (AMI) on 127.0.0.1:"
                            + port
                            + " (user "
                            + options.amiUser()
                            + ", a random secret for this run)");
        } else {
            host = options.amiHost().orElseThrow();
            port = options.amiPort();
        }
        bridge =
                remember(
                        new AmiBridge(
                                BridgeConfig.of(
                                        kafkaBootstrap,
                                        host,
                                        port,
                                        options.amiUser(),
                                        options.amiSecret()),
                                publisher));
        options.routingJar().ifPresent(jar -> identifyCallers(bridge));
        bridge.start();
        say("telephony-bridge connecting to AMI at " + host + ":" + port);
        if (pbx != null) {
            // Registered after the bridge so it stops first: no calls are generated unobserved.
            // Without routing-service there is no one to report bookings to.
            DemoBookingSystem bookings =
                    options.routingJar().isEmpty()
                            ? null
                            : remember(
                                    new DemoBookingSystem(
                                            URI.create(
                                                    "http://127.0.0.1:"
                                                            + options.ports().routing()),
                                            new TokenIssuer(security.key(), Clock.systemUTC()),
                                            LocalSecurity.ADMIN_TENANT,
                                            options.seed()));
            if (bookings != null) {
                bookings.seedHistory(Instant.now());
            }
            simulator =
                    remember(
                            new TrafficSimulator(
                                    DemoTraffic.config(options.seed()),
                                    pbx,
                                    new KafkaSimulatorSink(
                                            publisher,
                                            bookings == null ? call -> {} : bookings::callEnded)));
            simulator.start();
        }
    }

    /**
     * The bridge asks the local routing-service who calls on each AMI arrival, with PBX tokens it
     * mints from the local signing key (no client secret exists or is passed around).
     */
    private void identifyCallers(AmiBridge amiBridge) {
        Clock clock = Clock.systemUTC();
        RoutingClient routing =
                new RoutingClient(
                        URI.create("http://127.0.0.1:" + options.ports().routing()),
                        Duration.ofSeconds(3),
                        RoutingCredentials.source(
                                new LocalPbxTokens(
                                        new TokenIssuer(security.key(), clock),
                                        LocalSecurity.ADMIN_TENANT,
                                        clock)),
                        clock);
        amiBridge.identifyCallersWith(routing::identify);
    }

    private void startRoutingService(Path jar, String kafkaBootstrap) {
        if (!Files.isRegularFile(jar)) {
            say("routing-service jar " + jar + " is missing; run ./ringstream build");
            return;
        }
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(
                                    Path.of(System.getProperty("java.home"), "bin", "java")
                                            .toString(),
                                    "-Xmx256m",
                                    "-jar",
                                    jar.toString())
                            .redirectErrorStream(true)
                            .redirectOutput(layout.logs().resolve("routing-service.log").toFile());
            builder.environment().put("RINGSTREAM_CLICKHOUSE_URL", clickhouse.url());
            // The local server has a password-less user on loopback: a login meant for another
            // ClickHouse (a compose .env exported in the shell) must not reach the child.
            for (String variable :
                    List.of(
                            ClickHouseCredentials.USER_VARIABLE,
                            ClickHouseCredentials.PASSWORD_VARIABLE,
                            ClickHouseCredentials.PASSWORD_VARIABLE + "_FILE")) {
                builder.environment().remove(variable);
            }
            builder.environment().put("RINGSTREAM_KAFKA_BOOTSTRAP", kafkaBootstrap);
            // Customers live in the local PostgreSQL, as its superuser: the password stays in the
            // data directory's owner-only file, never in the environment.
            builder.environment().put("RINGSTREAM_POSTGRES_URL", postgresUrl);
            builder.environment().put("RINGSTREAM_POSTGRES_USER", LocalPostgresServer.SUPERUSER);
            builder.environment().remove("RINGSTREAM_POSTGRES_PASSWORD");
            builder.environment()
                    .put(
                            "RINGSTREAM_POSTGRES_PASSWORD_FILE",
                            LocalPostgresServer.passwordFile(layout.postgres()).toString());
            builder.environment()
                    .put("RINGSTREAM_ROUTING_PORT", String.valueOf(options.ports().routing()));
            builder.environment().put("RINGSTREAM_ROUTING_HOST", LOOPBACK);
            // The local key, not a secret this shell happens to export.
            builder.environment().remove("RINGSTREAM_JWT_SECRET");
            builder.environment().put("RINGSTREAM_JWT_SECRET_FILE", layout.signingKey().toString());
            builder.environment().put("RINGSTREAM_USERS_FILE", layout.credentials().toString());
            Process process = builder.start();
            started.push(() -> stopProcess(process));
            say(
                    "routing-service starting on http://127.0.0.1:"
                            + options.ports().routing()
                            + " (log: "
                            + layout.logs().resolve("routing-service.log")
                            + ")");
            checkRoutingService(process);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot start routing-service", e);
        }
    }

    /** Waits for routing-service and tries a supervisor token signed with the local key. */
    private void checkRoutingService(Process process) {
        String token =
                new TokenIssuer(security.key(), Clock.systemUTC())
                        .issue(
                                Caller.of(
                                        "ringstream-up",
                                        LocalSecurity.ADMIN_TENANT,
                                        Role.SUPERVISOR),
                                Duration.ofMinutes(5));
        URI base = URI.create("http://127.0.0.1:" + options.ports().routing());
        try {
            RoutingServiceCheck.Outcome outcome =
                    new RoutingServiceCheck(base)
                            .check(token, ROUTING_SERVICE_START, process::isAlive);
            if (outcome.ok()) {
                say(outcome.message());
            } else {
                say(
                        "warning: "
                                + outcome.message()
                                + " (log: "
                                + layout.logs().resolve("routing-service.log")
                                + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stopProcess(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private <T extends AutoCloseable> T remember(T part) {
        started.push(part);
        return part;
    }

    static void say(String message) {
        System.out.println("ringstream: " + message);
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed", part, e);
            }
        }
    }

    static Duration statusEvery() {
        return Duration.ofSeconds(5);
    }
}
