package io.ringstream.e2e;

import static org.awaitility.Awaitility.await;

import io.micronaut.runtime.server.EmbeddedServer;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import io.ringstream.flink.kit.runtime.JobConfig;
import io.ringstream.flink.kit.runtime.JobDefinition;
import io.ringstream.flink.kit.time.EventTime;
import io.ringstream.flink.sla.ServiceLevelJob;
import io.ringstream.gateway.ChannelGateway;
import io.ringstream.gateway.GatewaySettings;
import io.ringstream.security.Role;
import io.ringstream.security.credentials.CredentialStore;
import io.ringstream.security.credentials.PasswordHasher;
import io.ringstream.security.credentials.UserRecord;
import io.ringstream.sentiment.job.SentimentJob;
import io.ringstream.testkit.TargetDirectories;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The chat channels' whole stack in the test JVM, wired as in production only through Kafka and
 * HTTP: the routing, SLA/KPI and sentiment jobs on the test's Flink MiniCluster, routing-service
 * (serving the pages, with the gateway's URL) and the channel gateway (a PBX client of
 * routing-service, allowing routing-service's origin). One tenant of its own: the channels file
 * gives it the widget {@code demo} and a WhatsApp number. Lives for one test class.
 */
final class ChatStack implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    /** Our WhatsApp number's id, as in channels/src/test/resources/whatsapp/text-message.json. */
    static final String WHATSAPP_NUMBER_ID = "420000000000007";

    static final String WHATSAPP_APP_SECRET = "an-e2e-whatsapp-app-secret-32-bytes";

    /** The sentiment model for every language: the light lexicon, which starts at once. */
    static final String SENTIMENT_MODELS = "en=lexicon-en,es=lexicon-es";

    final String tenant = "chat-" + UUID.randomUUID().toString().substring(0, 8);
    final List<JobClient> jobs = new ArrayList<>();
    EmbeddedServer service;
    ChannelGateway gateway;
    RoutingApi api;

    /**
     * Starts everything; {@code gatewayEnv} adds to (or overrides) the gateway's variables, e.g.
     * the WhatsApp provider's.
     */
    static ChatStack start(
            String kafka, String clickHouse, boolean analytics, Map<String, String> gatewayEnv)
            throws Exception {
        ChatStack stack = new ChatStack();
        try {
            stack.startAll(kafka, clickHouse, analytics, gatewayEnv);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(
            String kafka, String clickHouse, boolean analytics, Map<String, String> gatewayEnv)
            throws Exception {
        Path checkpoints = TargetDirectories.create("chat-checkpoints-");
        jobs.add(
                RoutingStack.startJob(
                        RoutingStack.jobConfig(kafka, clickHouse, checkpoints.toString())));
        if (analytics) {
            String group = "e2e-chat-" + tenant;
            SinkTuning tuning = new SinkTuning(100, Duration.ofMillis(200), 3);
            EventTime eventTime = new EventTime(Duration.ofSeconds(2), Duration.ofSeconds(1));
            start(
                    ServiceLevelJob.DEFINITION,
                    ServiceLevelJob.DEFINITION
                            .defaults(kafka, clickHouse)
                            .withConsumerGroup(group + "-sla")
                            .withSettings(
                                    s ->
                                            s.withEventTime(eventTime)
                                                    .withKpiRefresh(Duration.ofMillis(500)))
                            .withCheckpointInterval(Duration.ofSeconds(2))
                            .withSinkTuning(tuning));
            start(
                    SentimentJob.DEFINITION,
                    SentimentJob.DEFINITION
                            .defaults(kafka, clickHouse)
                            .withConsumerGroup(group + "-sentiment")
                            .withSettings(s -> s.withModels(SENTIMENT_MODELS))
                            .withCheckpointInterval(Duration.ofSeconds(2))
                            .withSinkTuning(tuning));
        }

        int gatewayPort = freePort();
        String gatewayUrl = "ws://127.0.0.1:" + gatewayPort + "/chat/ws";
        service =
                RoutingStack.startService(
                        kafka, clickHouse, Map.of("ringstream.chat.gateway-url", gatewayUrl));
        api = new RoutingApi(service.getURL().toString(), tenant, RoutingStack.tokens());

        Map<String, String> env = new HashMap<>();
        env.put(GatewaySettings.PORT, String.valueOf(gatewayPort));
        env.put(GatewaySettings.HOST, "127.0.0.1");
        env.put(GatewaySettings.KAFKA, kafka);
        env.put(
                GatewaySettings.JWT_SECRET + "_FILE",
                RoutingStack.SIGNING_KEY.toAbsolutePath().toString());
        env.put(GatewaySettings.ROUTING_URL, service.getURL().toString());
        env.put("RINGSTREAM_ROUTING_TOKEN", api.pbxToken());
        env.put(GatewaySettings.ALLOWED_ORIGINS, origins(service.getURL()));
        env.put(GatewaySettings.CHANNELS_FILE, channelsFile().toString());
        // Every client of the test comes from 127.0.0.1.
        env.put(GatewaySettings.MAX_SESSIONS_PER_ADDRESS, "500");
        env.put(GatewaySettings.ADDRESS_RATE, "100000");
        env.putAll(gatewayEnv);
        gateway = ChannelGateway.start(GatewaySettings.fromEnvironment(env));
        await().atMost(TIMEOUT).until(gateway::ready);
    }

    private <S extends Serializable> void start(JobDefinition<S> definition, JobConfig<S> config)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        jobs.add(definition.startLocal(config, env));
    }

    /** The widget {@code demo} and our WhatsApp number, both in this stack's tenant. */
    private Path channelsFile() throws IOException {
        Path file = TargetDirectories.create("chat-channels-").resolve("channels.json");
        Files.writeString(
                file,
                """
                {"widgets": {"demo": {"tenant": "%1$s", "defaultTopic": "sales",
                   "topics": {"sales": {"queue": "sales", "skills": {}},
                              "support": {"queue": "support", "skills": {}}}}},
                 "whatsapp": {"numbers": {"%2$s": {"tenant": "%1$s", "queue": "sales"}}}}
                """
                        .formatted(tenant, WHATSAPP_NUMBER_ID));
        return file;
    }

    /** routing-service's origin, by the name and the address the browser may use. */
    private static String origins(URL url) {
        int port = url.getPort();
        return "http://localhost:" + port + ",http://127.0.0.1:" + port;
    }

    /** An agent of the tenant in the users file, with an endpoint a supervisor set. */
    void agentUser(String agentId, String password) {
        CredentialStore store = service.getApplicationContext().getBean(CredentialStore.class);
        PasswordHasher hasher = service.getApplicationContext().getBean(PasswordHasher.class);
        store.putUser(
                new UserRecord(
                        tenant, agentId, java.util.Set.of(Role.AGENT), hasher.hash(password)));
        api.asSupervisor(
                "PUT",
                "/v1/agents/" + agentId + "/endpoint",
                Map.of("endpoint", "PJSIP/" + agentId),
                200);
    }

    /** The rows of a ClickHouse query about this stack's tenant's contact {@code contactId}. */
    static String where(String tenant, String contactId) {
        return " WHERE tenant = '" + tenant + "' AND contact_id = '" + contactId + "'";
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (service != null) {
            service.close();
        }
        for (JobClient job : jobs) {
            job.cancel().get();
        }
    }
}
