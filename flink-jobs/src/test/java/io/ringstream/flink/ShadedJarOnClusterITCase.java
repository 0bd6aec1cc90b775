package io.ringstream.flink;

import static io.ringstream.flink.KpiRows.expected;
import static io.ringstream.testkit.TestEvents.abandoned;
import static io.ringstream.testkit.TestEvents.answered;
import static io.ringstream.testkit.TestEvents.ended;
import static io.ringstream.testkit.TestEvents.queued;
import static io.ringstream.testkit.TestEvents.talkEnded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringstream.clickhouse.Table;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.topics.Topics;
import io.ringstream.flink.conversion.ConversionJob;
import io.ringstream.flink.conversion.value.ValueFixtures;
import io.ringstream.flink.kit.checkpoint.Checkpoints;
import io.ringstream.flink.sla.ServiceLevelJob;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.EventTimeMarkers;
import io.ringstream.testkit.KafkaExtension;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.cli.CliFrontend;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.rest.handler.legacy.messages.ClusterOverviewWithVersion;
import org.apache.flink.runtime.rest.messages.ClusterOverviewHeaders;
import org.apache.flink.runtime.rest.messages.EmptyMessageParameters;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.taskexecutor.TaskManagerRunner;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;
import org.apache.flink.util.SerializedThrowable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Proves the shaded job jar runs on a Flink cluster as {@code flink run -d} submits it: a
 * standalone session cluster whose processes see only a Flink distribution's classpath, so the
 * job's classes, the events module, the Kafka connector and the ClickHouse driver can come from
 * nowhere but the jar.
 *
 * <p>Why processes and not a MiniCluster in this JVM: Flink's child-first user-code class loader
 * falls back to its parent for classes the jar lacks, and in the test JVM that parent has them all;
 * worse, classes present on both sides clash (tried: submitting the complete jar to an in-JVM
 * MiniCluster fails with a loader constraint violation on Kafka's ConsumerRecord). Here the
 * JobManager, the TaskManager and the {@code flink run} client each run Flink's own entry point on
 * the classpath Maven writes to {@code target/flink-dist} (Flink's provided dependencies, what
 * flink-dist bundles, log4j), with the Java 17 options a distribution passes.
 */
class ShadedJarOnClusterITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final Path JAR = Path.of("target", "ringstream-flink-jobs.jar");
    private static final Path DIST = Path.of("target", "flink-dist");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final long MIN = 60_000;

    private static SessionCluster cluster;
    private static RestClusterClient<StandaloneClusterId> client;

    @BeforeAll
    static void startCluster() throws Exception {
        assertThat(JAR)
                .as(
                        "the shaded jar is built by `mvn -pl flink-jobs package`; failsafe runs"
                                + " after package, so run this test with `mvn verify`")
                .isRegularFile();
        assertThat(DIST.resolve("flink.classpath"))
                .as("written in pre-integration-test by maven-dependency-plugin: use `mvn verify`")
                .isRegularFile();
        cluster =
                SessionCluster.start(
                        Files.createTempDirectory(Path.of("target"), "flink-cluster-")
                                .toAbsolutePath(),
                        distributionClasspath());
        client =
                new RestClusterClient<>(
                        cluster.clientConfiguration(), StandaloneClusterId.getInstance());
        await("a TaskManager registered with the JobManager (logs: " + cluster.home() + "/log)")
                .atMost(TIMEOUT)
                .until(() -> cluster.taskManagers(client) == 1);
    }

    /** Flink's provided dependencies and the libraries flink-dist bundles, each jar once. */
    private static String distributionClasspath() throws IOException {
        Set<String> jars = new LinkedHashSet<>();
        for (String file : List.of("flink.classpath", "bundled.classpath")) {
            String classpath = Files.readString(DIST.resolve(file)).trim();
            jars.addAll(Arrays.asList(classpath.split(File.pathSeparator)));
        }
        return String.join(File.pathSeparator, jars);
    }

    @AfterAll
    static void stopCluster() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void flinkRunSubmitsTheShadedJarAndTheClusterRunsIt() throws Exception {
        String tenant = "cluster-" + UUID.randomUUID();
        // Tomorrow, so these are the newest events of the shared topic: the KPI job's event time
        // follows them, not other tests' traffic.
        long base = Math.floorDiv(System.currentTimeMillis() + 86_400_000L, 30 * MIN) * 30 * MIN;
        List<ContactEvent> events = new ArrayList<>();
        life(events, tenant, "c1", base + MIN, 10_000, 60_000);
        life(events, tenant, "c2", base + 2 * MIN, 22_000, 30_000);
        events.add(queued(tenant, "c3", "sales", base + 3 * MIN));
        events.add(abandoned(tenant, "c3", "sales", base + 3 * MIN + 40_000, 40_000));
        events.add(ended(tenant, "c3", base + 3 * MIN + 40_000));
        events.forEach(e -> KAFKA.produce(Topics.CONTACT_EVENTS, e));
        int markers =
                EventTimeMarkers.pushPast(
                        KAFKA, Topics.CONTACT_EVENTS, Topics.AGENT_EVENTS, tenant, base + 10 * MIN);
        Path archiveCheckpoints = cluster.home().resolve("checkpoints-archive");
        Path slaCheckpoints = cluster.home().resolve("checkpoints-sla");

        // The jar's main class: the archive.
        JobID archive =
                cluster.run(
                        List.of(),
                        JAR,
                        "--kafka-bootstrap",
                        KAFKA.bootstrapServers(),
                        "--clickhouse-url",
                        CLICKHOUSE.jdbcUrl(),
                        "--checkpoint-dir",
                        archiveCheckpoints.toString());
        // Another job of the same jar, configured by arguments only (defaults: 80/20, 15 min).
        JobID kpis =
                cluster.run(
                        List.of("-c", ServiceLevelJob.class.getName()),
                        JAR,
                        "--kafka-bootstrap",
                        KAFKA.bootstrapServers(),
                        "--clickhouse-url=" + CLICKHOUSE.jdbcUrl(),
                        "--interval-minutes",
                        "30",
                        "--sl-targets",
                        "sales=80/25",
                        "--sla-checkpoint-dir",
                        slaCheckpoints.toString());

        // c2, answered after 22 s, is within the 25 s threshold only the arguments set.
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> {
                            requireNotFailed(archive);
                            requireNotFailed(kpis);
                            assertThat(
                                            KpiRows.rawCount(
                                                    CLICKHOUSE,
                                                    Table.CONTACT_EVENTS.qualifiedName(),
                                                    tenant))
                                    .isEqualTo(events.size() + markers);
                            assertThat(KpiRows.interval(CLICKHOUSE, tenant, "sales", base))
                                    .isEqualTo(expected(3, 2, 1, 2, 32_000, 90_000, 25, 30));
                        });
        for (var job :
                List.of(Map.entry(archive, archiveCheckpoints), Map.entry(kpis, slaCheckpoints))) {
            await("a completed checkpoint under " + job.getValue())
                    .atMost(TIMEOUT)
                    .untilAsserted(
                            () -> {
                                requireNotFailed(job.getKey());
                                assertThat(Checkpoints.latestRetained(job.getValue()))
                                        .hasValueSatisfying(
                                                chk ->
                                                        assertThat(chk.getParent().getFileName())
                                                                .hasToString(
                                                                        job.getKey()
                                                                                .toHexString()));
                            });
            client.cancel(job.getKey()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            await().atMost(TIMEOUT)
                    .until(
                            () -> client.getJobStatus(job.getKey()).get(),
                            status -> status == JobStatus.CANCELED);
        }
    }

    /**
     * The conversion job from the same jar: its customer-value half needs the customers module and
     * commons-math3 (the refit), so a jar missing them fails here. Twelve customers with two
     * booking days each: enough for the first BG/NBD fit.
     */
    @Test
    void theConversionJobOfTheSameJarScoresCustomersOnTheCluster() throws Exception {
        String tenant = "cluster-value-" + UUID.randomUUID();
        long day = 86_400_000L;
        long base = Math.floorDiv(System.currentTimeMillis(), day) * day - 60 * day;
        for (int c = 0; c < 12; c++) {
            String customer = tenant + "-customer-" + c;
            KAFKA.produce(Topics.CUSTOMER_CHANGES, ValueFixtures.created(tenant, customer));
            KAFKA.produce(
                    Topics.BUSINESS_EVENTS,
                    ValueFixtures.booking(tenant, customer, base + c * day, 5_500, "EUR"));
            KAFKA.produce(
                    Topics.BUSINESS_EVENTS,
                    ValueFixtures.booking(
                            tenant, customer, base + (c + 10 + c % 3 * 7) * day, 6_500, "EUR"));
        }

        JobID conversions =
                cluster.run(
                        List.of("-c", ConversionJob.class.getName()),
                        JAR,
                        "--kafka-bootstrap",
                        KAFKA.bootstrapServers(),
                        "--clickhouse-url",
                        CLICKHOUSE.jdbcUrl());
        try {
            await().atMost(TIMEOUT)
                    .untilAsserted(
                            () -> {
                                requireNotFailed(conversions);
                                assertThat(
                                                CLICKHOUSE.queryLong(
                                                        "SELECT count() FROM"
                                                                + " ringstream.customer_value_fits"
                                                                + " WHERE tenant = '"
                                                                + tenant
                                                                + "' AND customers = 12"))
                                        .isPositive();
                                assertThat(
                                                CLICKHOUSE.queryLong(
                                                        "SELECT uniqExact(customer_id) FROM"
                                                                + " ringstream.customer_value"
                                                                + " WHERE tenant = '"
                                                                + tenant
                                                                + "' AND isNotNull(clv_12m)"))
                                        .isEqualTo(12);
                            });
        } finally {
            client.cancel(conversions).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static void life(
            List<ContactEvent> events, String tenant, String id, long at, long wait, long talk) {
        events.add(queued(tenant, id, "sales", at));
        events.add(answered(tenant, id, "sales", at + wait, wait));
        events.add(talkEnded(tenant, id, at + wait + talk, talk));
        events.add(ended(tenant, id, at + wait + talk + 1_000));
    }

    /**
     * Ends the wait at once with the job's failure (e.g. a class missing from the jar): the cluster
     * runs without restarts, so a failure is final.
     */
    private static void requireNotFailed(JobID job) throws Exception {
        if (client.getJobStatus(job).get() != JobStatus.FAILED) {
            return;
        }
        JobResult result = client.requestJobResult(job).get();
        throw new IllegalStateException(
                "the job failed on the cluster:\n"
                        + result.getSerializedThrowable()
                                .map(SerializedThrowable::getFullStringifiedStackTrace)
                                .orElse("(no cause)"));
    }

    /**
     * A standalone session cluster as {@code start-cluster.sh} runs it: a JobManager process and a
     * TaskManager process, configured by {@code conf/config.yaml}, plus {@code flink run}. Each
     * process writes to {@code log/} under its home directory (kept in target/ for post-mortems).
     */
    static final class SessionCluster implements AutoCloseable {
        /**
         * The module openings a Flink distribution's config.yaml passes to every JVM it starts
         * ({@code env.java.default-opts.all}): Flink's serializers reflect into JDK collections.
         */
        private static final List<String> JAVA_17_OPTS =
                List.of(
                        "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                        "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                        "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                        "--add-opens=java.base/java.lang=ALL-UNNAMED",
                        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                        "--add-opens=java.base/java.io=ALL-UNNAMED",
                        "--add-opens=java.base/java.net=ALL-UNNAMED",
                        "--add-opens=java.base/java.nio=ALL-UNNAMED",
                        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                        "--add-opens=java.base/java.text=ALL-UNNAMED",
                        "--add-opens=java.base/java.time=ALL-UNNAMED",
                        "--add-opens=java.base/java.util=ALL-UNNAMED",
                        "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                        "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                        "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

        private static final Pattern SUBMITTED =
                Pattern.compile("Job has been submitted with JobID ([0-9a-f]{32})");

        private final Path home;
        private final String classpath;
        private final int restPort;
        private final List<Process> processes = new ArrayList<>();

        private SessionCluster(Path home, String classpath, int restPort) {
            this.home = home;
            this.classpath = classpath;
            this.restPort = restPort;
        }

        static SessionCluster start(Path home, String classpath) throws IOException {
            // Picked together: picking one at a time can return the same port twice.
            int[] ports = freePorts(2);
            SessionCluster cluster = new SessionCluster(home, classpath, ports[0]);
            Files.createDirectories(home.resolve("conf"));
            Files.createDirectories(home.resolve("log"));
            Files.createDirectories(home.resolve("tmp"));
            Files.writeString(
                    home.resolve("conf/config.yaml"),
                    String.join(
                            "\n",
                            "jobmanager.rpc.address: localhost",
                            "jobmanager.rpc.port: " + ports[1],
                            "jobmanager.bind-host: localhost",
                            "taskmanager.host: localhost",
                            "taskmanager.bind-host: localhost",
                            "taskmanager.numberOfTaskSlots: 2",
                            "taskmanager.memory.process.size: 1g",
                            "taskmanager.memory.managed.size: 32m",
                            "rest.address: localhost",
                            "rest.bind-address: localhost",
                            "rest.port: " + cluster.restPort,
                            "parallelism.default: 1",
                            // A failure must end the test, not loop in restarts.
                            "restart-strategy.type: none",
                            "io.tmp.dirs: " + home.resolve("tmp").toAbsolutePath(),
                            ""));
            // Like a distribution's log4j.properties and log4j-cli.properties: the client's
            // output is kept short, so a failed submission reads as its errors.
            cluster.writeLogConfig("jobmanager", "INFO");
            cluster.writeLogConfig("taskmanager", "INFO");
            cluster.writeLogConfig("client", "WARN");
            try {
                cluster.launch(
                        "jobmanager",
                        List.of("-Xmx384m"),
                        StandaloneSessionClusterEntrypoint.class,
                        List.of("--configDir", cluster.conf()));
                // What bin/taskmanager.sh gets from BashJavaUtils: JVM sizes and the derived
                // memory settings, which the TaskManager requires explicitly.
                TaskExecutorProcessSpec spec =
                        TaskExecutorProcessUtils.processSpecFromConfig(
                                GlobalConfiguration.loadConfiguration(cluster.conf()));
                List<String> args = new ArrayList<>(List.of("--configDir", cluster.conf()));
                args.addAll(split(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)));
                cluster.launch(
                        "taskmanager",
                        split(ProcessMemoryUtils.generateJvmParametersStr(spec)),
                        TaskManagerRunner.class,
                        args);
            } catch (IOException | RuntimeException e) {
                cluster.close();
                throw e;
            }
            return cluster;
        }

        Path home() {
            return home;
        }

        Configuration clientConfiguration() {
            return GlobalConfiguration.loadConfiguration(conf());
        }

        /**
         * How many TaskManagers the JobManager knows; fails at once if a cluster process died or
         * its main thread did (its other threads can keep the JVM up), e.g. for a class missing
         * from the distribution classpath.
         */
        int taskManagers(RestClusterClient<?> client) throws IOException {
            for (String name : List.of("jobmanager", "taskmanager")) {
                String output = Files.readString(log(name), StandardCharsets.UTF_8);
                int crash = output.indexOf("Exception in thread \"main\"");
                if (crash >= 0) {
                    throw new IllegalStateException(
                            "the "
                                    + name
                                    + " failed to start ("
                                    + log(name)
                                    + "):\n"
                                    + output.substring(
                                            crash, Math.min(output.length(), crash + 2_000)));
                }
            }
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(
                            "a cluster process exited with " + p.exitValue() + "; see " + logDir());
                }
            }
            try {
                ClusterOverviewWithVersion overview =
                        client.sendRequest(
                                        ClusterOverviewHeaders.getInstance(),
                                        EmptyMessageParameters.getInstance(),
                                        EmptyRequestBody.getInstance())
                                .get(2, TimeUnit.SECONDS);
                return overview.getNumTaskManagersConnected();
            } catch (Exception notUpYet) {
                return 0;
            }
        }

        /** {@code flink run -d <options> <jar> <args>}: returns the submitted job's id. */
        JobID run(List<String> options, Path jar, String... programArgs) throws Exception {
            List<String> args = new ArrayList<>(List.of("run", "-d"));
            args.addAll(options);
            args.add(jar.toString());
            args.addAll(Arrays.asList(programArgs));
            Process client = launch("client", List.of("-Xmx256m"), CliFrontend.class, args);
            if (!client.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                client.destroyForcibly();
                throw new AssertionError("flink run did not return; see " + log("client"));
            }
            String output = Files.readString(log("client"), StandardCharsets.UTF_8);
            Matcher submitted = SUBMITTED.matcher(output);
            if (client.exitValue() != 0 || !submitted.find()) {
                throw new AssertionError(
                        "flink run exited with " + client.exitValue() + ":\n" + output);
            }
            return JobID.fromHexString(submitted.group(1));
        }

        private Process launch(
                String name, List<String> jvmArgs, Class<?> mainClass, List<String> args)
                throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmArgs);
            command.addAll(JAVA_17_OPTS);
            command.add("-Djava.io.tmpdir=" + home.resolve("tmp").toAbsolutePath());
            command.add("-Dlog4j.configurationFile=" + logConfig(name));
            command.add("-cp");
            command.add(classpath);
            command.add(mainClass.getName());
            command.addAll(args);
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(log(name).toFile());
            // How bin/flink finds conf/config.yaml.
            builder.environment().put("FLINK_CONF_DIR", conf());
            Process process = builder.start();
            // If this JVM ends without @AfterAll (say, a Failsafe timeout), so does the cluster.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            if (!name.equals("client")) {
                processes.add(process);
            }
            return process;
        }

        private void writeLogConfig(String name, String level) throws IOException {
            Files.writeString(
                    logConfig(name),
                    String.join(
                            "\n",
                            "rootLogger.level = " + level,
                            "rootLogger.appenderRef.out.ref = out",
                            "appender.out.type = Console",
                            "appender.out.name = out",
                            "appender.out.layout.type = PatternLayout",
                            "appender.out.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n",
                            ""));
        }

        private Path logConfig(String name) {
            return home.resolve("conf").resolve("log4j2-" + name + ".properties");
        }

        private String conf() {
            return home.resolve("conf").toAbsolutePath().toString();
        }

        private Path logDir() {
            return home.resolve("log");
        }

        private Path log(String name) {
            return logDir().resolve(name + ".log");
        }

        /** Stops the TaskManager, then the JobManager, the way stop-cluster.sh does (SIGTERM). */
        @Override
        public void close() {
            for (int i = processes.size() - 1; i >= 0; i--) {
                Process p = processes.get(i);
                p.destroy();
                try {
                    if (!p.waitFor(30, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }

        private static List<String> split(String parameters) {
            return Arrays.asList(parameters.trim().split("\\s+"));
        }

        /** Distinct free ports: every probe socket stays open until all are picked. */
        private static int[] freePorts(int count) throws IOException {
            try (ServerSocket first = new ServerSocket(0)) {
                if (count == 1) {
                    return new int[] {first.getLocalPort()};
                }
                int[] rest = freePorts(count - 1);
                int[] all = new int[count];
                all[0] = first.getLocalPort();
                System.arraycopy(rest, 0, all, 1, rest.length);
                return all;
            }
        }
    }
}
