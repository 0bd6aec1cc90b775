package io.ringstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.ringstream.clickhouse.Table;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.SlaKind;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.events.topics.Topics;
import io.ringstream.flink.archive.ArchiveJob;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import io.ringstream.flink.kit.runtime.JobConfig;
import io.ringstream.flink.kit.runtime.JobDefinition;
import io.ringstream.flink.kit.time.EventTime;
import io.ringstream.flink.sla.ServiceLevelJob;
import io.ringstream.security.Role;
import io.ringstream.security.credentials.CredentialStore;
import io.ringstream.security.credentials.PasswordHasher;
import io.ringstream.security.credentials.UserRecord;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.FlinkMiniCluster;
import io.ringstream.testkit.KafkaExtension;
import io.ringstream.testkit.TargetDirectories;
import io.ringstream.testkit.TestEvents;
import io.ringstream.testkit.browser.Chromium;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Issue 13's wallboard, end to end in real headless Chromium: a supervisor logs in through the
 * login page that /wallboard answers without a session, and watches the tiles while calls go
 * through the real stack (the PBX's contact events on Kafka and its route requests to
 * routing-service, agents' commands, the routing job and the SLA/KPI job on a Flink MiniCluster,
 * KPIs in ClickHouse). The tiles show what {@code queue_kpis} and {@code /v1/supervisor/live} hold;
 * a caller waiting with no agent turns the oldest-wait tile red (queue "support" is configured
 * amber at 2 s, red at 4 s); an SLA breach (a 3 s answer policy) reaches the feed within 2 s of the
 * alerts topic; a supervisor of another tenant sees none of it; the page says STALE when its
 * routing-service goes away.
 */
class WallboardBrowserAcceptanceITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();
    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(3);
    @RegisterExtension static final Chromium CHROMIUM = new Chromium();

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String QUEUE = "support";
    private static final String SUPERVISOR = "boss";
    private static final String PASSWORD = "e2e-wallboard-password-1";
    private static final Map<String, Integer> ANY_BILLING = Map.of("billing", 1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String TENANT = "wb-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String OTHER = "wb-other-" + UUID.randomUUID().toString().substring(0, 8);
    private static final List<JobClient> jobs = new ArrayList<>();
    private static EmbeddedServer service;
    private static RoutingApi api;
    private static String base;

    @BeforeAll
    static void startStack() throws Exception {
        jobs.add(
                RoutingStack.startJob(
                        RoutingStack.jobConfig(
                                KAFKA.bootstrapServers(),
                                CLICKHOUSE.jdbcUrl(),
                                TargetDirectories.create("wallboard-checkpoints-").toString())));
        SinkTuning tuning = new SinkTuning(100, Duration.ofMillis(200), 3);
        // The raw archive (contact_events, agent_events: the agents' table reads them) and the
        // SLA/KPI job, whose event time moves on 1 s into a silence.
        start(
                ArchiveJob.DEFINITION,
                ArchiveJob.DEFINITION
                        .defaults(KAFKA.bootstrapServers(), CLICKHOUSE.jdbcUrl())
                        .withConsumerGroup("e2e-wallboard-archive")
                        .withCheckpointInterval(Duration.ofSeconds(2))
                        .withSinkTuning(tuning));
        start(
                ServiceLevelJob.DEFINITION,
                ServiceLevelJob.DEFINITION
                        .defaults(KAFKA.bootstrapServers(), CLICKHOUSE.jdbcUrl())
                        .withConsumerGroup("e2e-wallboard-sla")
                        .withSettings(
                                s ->
                                        s.withEventTime(
                                                        new EventTime(
                                                                Duration.ofSeconds(2),
                                                                Duration.ofSeconds(1)))
                                                .withKpiRefresh(Duration.ofMillis(500)))
                        .withCheckpointInterval(Duration.ofSeconds(2))
                        .withSinkTuning(tuning));
        service =
                RoutingStack.startService(
                        KAFKA.bootstrapServers(),
                        CLICKHOUSE.jdbcUrl(),
                        Map.of(
                                "ringstream.wallboard.queues.support.oldest-wait-amber-seconds",
                                "2",
                                "ringstream.wallboard.queues.support.oldest-wait-red-seconds",
                                "4",
                                "ringstream.wallboard.kpi-refresh",
                                "1s"));
        base = service.getURL().toString();
        api = new RoutingApi(base, TENANT, RoutingStack.tokens());
        supervisor(TENANT);
        supervisor(OTHER);
        // Answer within 3 s (warning at half of it), so a caller left waiting breaches quickly.
        KAFKA.produce(
                Topics.SLA_POLICIES,
                TestEvents.policy(
                        TENANT, "wb-answer", SlaKind.ANSWER, QUEUE, Channel.VOICE, 3, 0.5));
    }

    private static <S extends Serializable> void start(
            JobDefinition<S> definition, JobConfig<S> config) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        jobs.add(definition.startLocal(config, env));
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (service != null) {
            service.close();
        }
        for (JobClient job : jobs) {
            job.cancel().get();
        }
    }

    @Test
    void withoutASessionTheWallboardAnswers401WithTheLoginPageForBrowsersAndAProblemOtherwise()
            throws Exception {
        HttpResponse<String> page = get("/wallboard", "text/html,application/xhtml+xml");
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("data-testid=\"wallboard-login\"");

        HttpResponse<String> api = get("/wallboard", "application/json");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(api.body()).has("title")).isTrue();

        assertThat(get("/v1/wallboard", "application/json").statusCode()).isEqualTo(401);
        assertThat(get("/v1/wallboard/stream", "text/event-stream").statusCode()).isEqualTo(401);
    }

    @Test
    void theBoardSaysStaleWhileItsStreamIsDown() {
        // A routing-service of its own, so stopping it leaves the other tests theirs.
        EmbeddedServer doomed =
                RoutingStack.startService(KAFKA.bootstrapServers(), CLICKHOUSE.jdbcUrl());
        try {
            supervisor(doomed, TENANT);
            WebDriver board = CHROMIUM.open();
            WallboardPage.logIn(board, doomed.getURL().toString(), TENANT, SUPERVISOR, PASSWORD);
            assertThat(WallboardPage.testId(board, "wallboard-stream").getText()).isEqualTo("LIVE");

            doomed.stop();

            await().atMost(TIMEOUT)
                    .ignoreExceptions()
                    .until(
                            () ->
                                    "stale"
                                            .equals(
                                                    WallboardPage.testId(board, "wallboard-stream")
                                                            .getAttribute("data-state")));
            assertThat(WallboardPage.testId(board, "wallboard-stream").getText())
                    .startsWith("STALE");
        } finally {
            doomed.close();
        }
    }

    @Test
    void theTilesFollowTheStackAWaitingCallerTurnsRedAndABreachReachesTheFeed() throws Exception {
        WebDriver wallboard = CHROMIUM.open();
        WallboardPage.logIn(wallboard, base, TENANT, SUPERVISOR, PASSWORD);

        // One call answered and ended: its agent goes to wrap-up (60 s). A second agent stays
        // logged in but not ready.
        api.loginReady("a1", 5, "es");
        api.login("a2", 2, "es");
        long queuedAt = System.currentTimeMillis();
        pbx(contact("c1", ContactEventType.ARRIVED, queuedAt));
        pbx(contact("c1", ContactEventType.QUEUED, queuedAt));
        JsonNode first = api.route("c1", ANY_BILLING, 20_000);
        assertThat(first.get("agentId").asText()).isEqualTo("a1");
        api.accept("a1", first.get("offerId").asText());
        long answeredAt = System.currentTimeMillis();
        pbx(
                contact("c1", ContactEventType.ANSWERED, answeredAt)
                        .agentId("a1")
                        .waitMillis(answeredAt - queuedAt));
        await().atMost(TIMEOUT).until(() -> "BUSY".equals(api.agentState("a1")));
        long endedAt = System.currentTimeMillis();
        pbx(
                contact("c1", ContactEventType.TALK_ENDED, endedAt)
                        .agentId("a1")
                        .durationMillis(endedAt - answeredAt));
        api.endContact("c1");
        pbx(contact("c1", ContactEventType.ENDED, endedAt));
        await().atMost(TIMEOUT).until(() -> "WRAP_UP".equals(api.agentState("a1")));

        // A second caller, and nobody to take it.
        KAFKA.mark();
        long c2At = System.currentTimeMillis();
        pbx(contact("c2", ContactEventType.ARRIVED, c2At));
        pbx(contact("c2", ContactEventType.QUEUED, c2At));
        assertThat(api.route("c2", ANY_BILLING, 0).get("action").asText()).isEqualTo("WAIT");

        // The tiles show what queue_kpis and the live view hold.
        await().atMost(TIMEOUT)
                .ignoreExceptions()
                .untilAsserted(() -> tilesMatchTheStack(wallboard, 2));

        // Past 4 s of waiting the oldest-wait tile is red, and says so in words.
        await().atMost(TIMEOUT)
                .ignoreExceptions()
                .until(() -> "red".equals(WallboardPage.level(wallboard, QUEUE, "oldest-wait")));
        assertThat(Long.parseLong(WallboardPage.value(wallboard, QUEUE, "oldest-wait")))
                .isGreaterThanOrEqualTo(4_000);
        assertThat(WallboardPage.figure(wallboard, QUEUE, "oldest-wait").getText())
                .contains("ALERT");

        // The SLA job breaches c2 (3 s): the feed shows it within 2 s of the alerts topic.
        SupervisorAlert breach =
                KAFKA.awaitRecords(
                                Topics.SUPERVISOR_ALERTS,
                                a ->
                                        a.tenant().equals(TENANT)
                                                && a.kind() == SupervisorAlert.Kind.SLA_BREACH
                                                && a.subject().equals("c2"),
                                1,
                                TIMEOUT)
                        .get(0);
        await().atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptions()
                .until(
                        () ->
                                WallboardPage.alerts(wallboard, "SLA_BREACH")
                                        .contains(breach.eventId()));

        await().atMost(TIMEOUT)
                .ignoreExceptions()
                .untilAsserted(
                        () -> {
                            assertThat(WallboardPage.agents(wallboard)).contains("a1", "a2");
                            assertThat(WallboardPage.agentCell(wallboard, "a1", "state"))
                                    .isEqualTo("Wrap-up");
                            assertThat(WallboardPage.agentCell(wallboard, "a1", "contacts-today"))
                                    .isEqualTo("1");
                        });
        // A wall screen's size, so the screenshot shows the whole board.
        wallboard.manage().window().setSize(new Dimension(1600, 1250));
        await().atMost(TIMEOUT)
                .until(
                        () ->
                                WallboardPage.testId(wallboard, "wallboard-chart")
                                                .getSize()
                                                .getWidth()
                                        > 900);
        DesktopPage.screenshot(wallboard, "wallboard");

        // The page runs under the pages' Content-Security-Policy without violating it.
        assertThat(wallboard.manage().logs().get(LogType.BROWSER).getAll())
                .extracting(LogEntry::getMessage)
                .noneMatch(m -> m.contains("Content Security Policy"))
                .noneMatch(m -> m.contains("wallboard.js"));

        // A supervisor of another tenant sees none of it, and cannot ask for it.
        WebDriver other = CHROMIUM.open();
        other.get(base + "/wallboard");
        WallboardPage.submit(other, OTHER, SUPERVISOR, "not-the-password");
        await().atMost(TIMEOUT)
                .until(
                        () ->
                                !WallboardPage.testId(other, "wallboard-login-error")
                                        .getText()
                                        .isBlank());
        WallboardPage.logIn(other, base, OTHER, SUPERVISOR, PASSWORD);
        WallboardPage.awaitEvent(other, "live");
        WallboardPage.awaitEvent(other, "kpis");
        assertThat(WallboardPage.queues(other)).doesNotContain(QUEUE);
        assertThat(WallboardPage.agents(other)).isEmpty();
        assertThat(WallboardPage.alerts(other, "SLA_BREACH")).isEmpty();
        assertThat(
                        (String)
                                ((JavascriptExecutor) other)
                                        .executeAsyncScript(
                                                "const done = arguments[arguments.length - 1];"
                                                        + " fetch('/v1/wallboard?tenant="
                                                        + TENANT
                                                        + "').then(r => done(String(r.status)),"
                                                        + " e => done(String(e)));"))
                .isEqualTo("403");
    }

    /**
     * The support tile against ClickHouse's today (interval rows of queue_kpis, FINAL, summed as
     * the wallboard sums them) and the live view, at one moment; {@code offered} must be reached.
     */
    private static void tilesMatchTheStack(WebDriver page, long offered) {
        long midnight = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        List<String> kpis =
                CLICKHOUSE
                        .query(
                                "SELECT sum(offered), sum(answered), sum(abandoned),"
                                        + " sum(answered_within_threshold), sum(total_wait_ms) FROM "
                                        + Table.QUEUE_KPIS.qualifiedName()
                                        + " FINAL WHERE tenant = '"
                                        + TENANT
                                        + "' AND queue = '"
                                        + QUEUE
                                        + "' AND window_kind = 'interval' AND window_start >="
                                        + " toDateTime("
                                        + midnight
                                        + ")")
                        .get(0);
        assertThat(Long.parseLong(kpis.get(0))).isEqualTo(offered);
        var tile = WallboardPage.tile(page, QUEUE);
        assertThat(tile.getAttribute("data-offered")).isEqualTo(kpis.get(0));
        assertThat(tile.getAttribute("data-answered")).isEqualTo(kpis.get(1));
        assertThat(WallboardPage.value(page, QUEUE, "abandoned")).isEqualTo(kpis.get(2));
        long answered = Long.parseLong(kpis.get(1));
        assertThat(answered).isPositive();
        // c1 was answered within the threshold and nothing was abandoned: every convention agrees.
        assertThat(Double.parseDouble(WallboardPage.value(page, QUEUE, "service-level")))
                .isCloseTo(Double.parseDouble(kpis.get(3)) / answered, within(1e-9));
        assertThat(Double.parseDouble(WallboardPage.value(page, QUEUE, "asa")))
                .isCloseTo(Double.parseDouble(kpis.get(4)) / 1000.0 / answered, within(1e-6));

        JsonNode live = liveQueue();
        assertThat(WallboardPage.value(page, QUEUE, "waiting"))
                .isEqualTo(live.get("waiting").asText());
        assertThat(live.get("waiting").asInt()).isEqualTo(1);
        var agents = WallboardPage.figure(page, QUEUE, "agents");
        assertThat(agents.getAttribute("data-available"))
                .isEqualTo(live.get("agentsAvailable").asText());
        assertThat(agents.getAttribute("data-logged-in"))
                .isEqualTo(live.get("agentsLoggedIn").asText());
    }

    private static JsonNode liveQueue() {
        for (JsonNode q : api.live().get("queues")) {
            if (q.get("queue").asText().equals(QUEUE)) {
                return q;
            }
        }
        throw new AssertionError("no queue " + QUEUE + " in the live view yet");
    }

    /** A contact event of the tenant's queue, as the telephony bridge publishes from AMI. */
    private static ContactEvent.Builder contact(String id, ContactEventType type, long at) {
        return TestEvents.contact(TENANT, id, type, at).channel(Channel.VOICE).queue(QUEUE);
    }

    private static void pbx(ContactEvent.Builder event) {
        KAFKA.produce(Topics.CONTACT_EVENTS, event.build());
    }

    /** A supervisor user {@value #SUPERVISOR} of {@code tenant} in the users file. */
    private static void supervisor(String tenant) {
        supervisor(service, tenant);
    }

    private static void supervisor(EmbeddedServer server, String tenant) {
        CredentialStore store = server.getApplicationContext().getBean(CredentialStore.class);
        PasswordHasher hasher = server.getApplicationContext().getBean(PasswordHasher.class);
        store.putUser(
                new UserRecord(tenant, SUPERVISOR, Set.of(Role.SUPERVISOR), hasher.hash(PASSWORD)));
    }

    private static HttpResponse<String> get(String path, String accept)
            throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .header("Accept", accept)
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
