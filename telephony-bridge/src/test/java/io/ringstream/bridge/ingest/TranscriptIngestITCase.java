package io.ringstream.bridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.InteractionType;
import io.ringstream.events.Speaker;
import io.ringstream.events.topics.Topics;
import io.ringstream.testkit.KafkaExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The transcript ingest endpoint over a real socket, publishing to a real broker: accepted segments
 * land on interactions, refused ones get problem+json and a dead letter.
 */
class TranscriptIngestITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String contact = "call-" + UUID.randomUUID();
    private TranscriptIngestServer server;

    @BeforeEach
    void start() throws Exception {
        server =
                TranscriptIngestServer.start(
                        IngestConfig.onPort(0).withBindAddress("127.0.0.1").withLimits(2_048, 10),
                        KAFKA.bootstrapServers());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, String contentType, String body)
            throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
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
        assertThat(events.get(1).language()).isEqualTo("en");
        assertThat(server.stats()[0]).isEqualTo(2);
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
        assertThat(server.stats()[1]).isEqualTo(3);
    }

    @Test
    void wrongPathsAndMethodsAreAnsweredButNotKept() throws Exception {
        assertThat(post("/v1/transcript", "application/json", "{}").statusCode()).isEqualTo(404);
        HttpResponse<String> get =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + server.port()
                                                        + "/v1/transcripts"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        HttpResponse<String> health =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + server.port() + "/health"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(server.stats()[1]).isZero();
    }
}
