package io.ringstream.bridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.InteractionType;
import io.ringstream.events.Speaker;
import io.ringstream.events.topics.Topics;
import io.ringstream.secrets.Hmac;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.ringstream.security.tokens.SigningKey;
import io.ringstream.security.tokens.TokenIssuer;
import io.ringstream.testkit.KafkaExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The transcript ingest endpoint over a real socket, publishing to a real broker: accepted segments
 * land on interactions, refused ones get problem+json and a dead letter, and callers without valid
 * credentials get 401 or 403 and leave nothing behind.
 */
class TranscriptIngestITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final SigningKey KEY = SigningKey.fromSecret("test-signing-key-".repeat(3));
    private static final Hmac HMAC = Hmac.withSecret("test-hmac-secret-1");
    private static final String TOKEN =
            new TokenIssuer(KEY, Clock.systemUTC())
                    .issue(Caller.of("stt-engine", "acme", Role.INGEST), Duration.ofMinutes(10));

    private final HttpClient http = HttpClient.newHttpClient();
    private final String contact = "call-" + UUID.randomUUID();
    private TranscriptIngestServer server;

    @BeforeEach
    void start() throws Exception {
        server =
                TranscriptIngestServer.start(
                        IngestConfig.onPort(0)
                                .withBindAddress("127.0.0.1")
                                .withLimits(2_048, 10)
                                .withCredentials(
                                        IngestCredentials.tokens(KEY).withHmac(HMAC, "signed")),
                        KAFKA.bootstrapServers());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts with the INGEST token of tenant acme. */
    private HttpResponse<String> post(String path, String contentType, String body)
            throws Exception {
        return postAs("Bearer " + TOKEN, path, contentType, body);
    }

    private HttpResponse<String> postAs(
            String authorization, String path, String contentType, String body) throws Exception {
        return send(
                request(path)
                        .header("Content-Type", contentType)
                        .header("Authorization", authorization)
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void acceptedSegmentsArePublishedToInteractions() throws Exception {
        String body =
                "[{\"contactId\":\""
                        + contact
                        + "\",\"speaker\":\"customer\",\"text\":\"I was charged twice\","
                        + "\"segmentId\":\"s1\",\"startMillis\":1000,\"endMillis\":2500,\"engine\":\"vosk\"},"
                        + "{\"contactId\":\""
                        + contact
                        + "\",\"speaker\":\"agent\",\"text\":\"Let me check\",\"segmentId\":\"s2\","
                        + "\"language\":\"en\"}]";
        HttpResponse<String> response =
                post("/v1/transcripts", "application/json; charset=utf-8", body);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("accepted").asInt()).isEqualTo(2);

        List<InteractionEvent> events =
                KAFKA.awaitRecords(
                        Topics.INTERACTIONS, e -> e.contactId().equals(contact), 2, TIMEOUT);
        assertThat(events)
                .extracting(InteractionEvent::eventId)
                .containsExactly(
                        answer.get("eventIds").get(0).asText(),
                        answer.get("eventIds").get(1).asText());
        InteractionEvent first = events.get(0);
        assertThat(first.type()).isEqualTo(InteractionType.TRANSCRIPT_SEGMENT);
        assertThat(first.speaker()).isEqualTo(Speaker.CUSTOMER);
        assertThat(first.source()).isEqualTo("stt:vosk");
        assertThat(first.attributes()).containsEntry("startMillis", "1000");
        assertThat(first.tenant()).isEqualTo("acme");
        assertThat(events.get(1).language()).isEqualTo("en");
        assertThat(server.stats().accepted()).isEqualTo(2);
    }

    @Test
    void anInvalidSegmentGetsAProblemAndBecomesADeadLetter() throws Exception {
        String body = "{\"contactId\":\"" + contact + "\",\"speaker\":\"robot\",\"text\":\"hi\"}";
        HttpResponse<String> response = post("/v1/transcripts", "application/json", body);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type"))
                .contains("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(422);
        assertThat(problem.get("errors").get(0).asText())
                .isEqualTo("speaker: must be customer, agent or bot, not 'robot'");

        DeadLetter letter =
                KAFKA.awaitRecords(
                                Topics.DEAD_LETTERS, d -> d.payload().contains(contact), 1, TIMEOUT)
                        .get(0);
        assertThat(letter.component()).isEqualTo(TranscriptIngestServer.COMPONENT);
        assertThat(letter.origin()).isEqualTo(DeadLetter.Origin.HTTP);
        assertThat(letter.payload()).isEqualTo(body);
        assertThat(letter.reason()).contains("robot");
    }

    @Test
    void malformedJsonWrongMediaTypeAndOversizedBodiesAreRefusedAndKept() throws Exception {
        String malformed = "{\"contactId\":\"" + contact + "\", oops";
        assertThat(post("/v1/transcripts", "application/json", malformed).statusCode())
                .isEqualTo(400);
        String text = "contactId=" + contact;
        assertThat(post("/v1/transcripts", "text/plain", text).statusCode()).isEqualTo(415);
        String huge = "{\"contactId\":\"" + contact + "\",\"text\":\"" + "x".repeat(3_000) + "\"}";
        HttpResponse<String> tooLarge = post("/v1/transcripts", "application/json", huge);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(tooLarge.body()).get("type").asText())
                .isEqualTo("/problems/body-too-large");

        List<DeadLetter> letters =
                KAFKA.awaitRecords(
                        Topics.DEAD_LETTERS, d -> d.payload().contains(contact), 3, TIMEOUT);
        assertThat(letters)
                .extracting(DeadLetter::reason)
                .anyMatch(r -> r.startsWith("Malformed JSON"))
                .anyMatch(r -> r.startsWith("Unsupported media type"))
                .anyMatch(r -> r.startsWith("Body too large"));
        assertThat(server.stats().rejected()).isEqualTo(3);
    }

    @Test
    void wrongPathsAndMethodsAreAnsweredButNotKept() throws Exception {
        assertThat(post("/v1/transcript", "application/json", "{}").statusCode()).isEqualTo(404);
        HttpResponse<String> get =
                send(request("/v1/transcripts").header("Authorization", "Bearer " + TOKEN).GET());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        HttpResponse<String> health = send(request("/health").GET());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(server.stats().rejected()).isZero();
    }

    @Test
    void withoutValidCredentialsEveryPathIs401AndNothingIsKept() throws Exception {
        String body = segment(null);
        Caller ingest = Caller.of("stt", "acme", Role.INGEST);
        String expired =
                new TokenIssuer(KEY, Clock.offset(Clock.systemUTC(), Duration.ofHours(-2)))
                        .issue(ingest, Duration.ofMinutes(5));
        String otherKey =
                new TokenIssuer(SigningKey.fromSecret("another-key-".repeat(4)), Clock.systemUTC())
                        .issue(ingest, Duration.ofMinutes(5));

        List<HttpResponse<String>> refused =
                List.of(
                        send(
                                request("/v1/transcripts")
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(body))),
                        postAs("Bearer " + expired, "/v1/transcripts", "application/json", body),
                        postAs("Bearer " + otherKey, "/v1/transcripts", "application/json", body),
                        postAs("Basic c3R0OnB3", "/v1/transcripts", "application/json", body),
                        send(request("/v1/transcripts").GET()),
                        send(request("/elsewhere").GET()),
                        send(
                                request("/v1/transcripts")
                                        .header("Content-Type", "application/json")
                                        .header(
                                                IngestAuthenticator.SIGNATURE_HEADER,
                                                HMAC.sign("{}".getBytes(StandardCharsets.UTF_8)))
                                        .POST(HttpRequest.BodyPublishers.ofString(body))));

        for (HttpResponse<String> r : refused) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("Content-Type")).contains(Problem.CONTENT_TYPE);
            assertThat(r.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            JsonNode problem = JSON.readTree(r.body());
            assertThat(problem.get("type").asText()).isEqualTo("/problems/unauthorized");
            assertThat(r.body()).doesNotContain(expired, otherKey);
        }
        assertThat(JSON.readTree(refused.get(1).body()).get("detail").asText()).contains("expired");
        assertThat(server.stats().unauthenticated()).isEqualTo(refused.size());
        assertThat(server.stats().accepted()).isZero();
        assertThat(server.stats().rejected()).isZero();
    }

    @Test
    void aTokenWithoutRoleIngestOrASegmentOfAnotherTenantIs403() throws Exception {
        String agent =
                new TokenIssuer(KEY, Clock.systemUTC())
                        .issue(Caller.of("1001", "acme", Role.AGENT), Duration.ofMinutes(5));

        HttpResponse<String> wrongRole =
                postAs("Bearer " + agent, "/v1/transcripts", "application/json", segment(null));
        HttpResponse<String> otherTenant =
                post(
                        "/v1/transcripts",
                        "application/json",
                        "[" + segment("acme") + "," + segment("globex") + "]");

        assertThat(wrongRole.statusCode()).isEqualTo(403);
        assertThat(otherTenant.statusCode()).isEqualTo(403);
        JsonNode problem = JSON.readTree(otherTenant.body());
        assertThat(problem.get("type").asText()).isEqualTo("/problems/forbidden");
        assertThat(problem.get("errors").get(0).asText()).isEqualTo("[1].tenant: not your tenant");
        assertThat(server.stats().forbidden()).isEqualTo(2);
        assertThat(server.stats().accepted()).isZero();
    }

    @Test
    void aSignedBodyIsPublishedInTheSignersTenant() throws Exception {
        String body = segment(null);
        HttpResponse<String> response =
                send(
                        request("/v1/transcripts")
                                .header("Content-Type", "application/json")
                                .header(
                                        IngestAuthenticator.SIGNATURE_HEADER,
                                        HMAC.sign(body.getBytes(StandardCharsets.UTF_8)))
                                .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(response.statusCode()).isEqualTo(202);
        InteractionEvent event =
                KAFKA.awaitRecords(
                                Topics.INTERACTIONS, e -> e.contactId().equals(contact), 1, TIMEOUT)
                        .get(0);
        assertThat(event.tenant()).isEqualTo("signed");
    }

    @Test
    void withoutCredentialsTheIngestDoesNotStart() {
        assertThatThrownBy(
                        () ->
                                TranscriptIngestServer.start(
                                        IngestConfig.onPort(0).withBindAddress("127.0.0.1"),
                                        KAFKA.bootstrapServers()))
                .hasMessageContaining("RINGSTREAM_JWT_SECRET")
                .hasMessageContaining("RINGSTREAM_INGEST_HMAC_SECRET");
    }

    private String segment(String tenant) {
        return "{\"contactId\":\""
                + contact
                + "\",\"speaker\":\"customer\",\"text\":\"hello\""
                + (tenant == null ? "" : ",\"tenant\":\"" + tenant + "\"")
                + "}";
    }
}
