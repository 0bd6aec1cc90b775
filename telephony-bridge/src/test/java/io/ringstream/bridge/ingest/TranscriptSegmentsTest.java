package io.ringstream.bridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.events.Channel;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.InteractionType;
import io.ringstream.events.Speaker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** What a speech-to-text engine may post, and exactly why anything else is refused. */
class TranscriptSegmentsTest {
    private static final long NOW = 1_709_287_200_000L;
    private final TranscriptSegments segments = new TranscriptSegments(3);

    private static final String TENANT = "acme";

    private List<InteractionEvent> parse(String json) throws SegmentRejected {
        return segments.parse(json.getBytes(StandardCharsets.UTF_8), NOW, TENANT);
    }

    private static Problem problemOf(ThrowingCallable call) {
        try {
            call.call();
        } catch (SegmentRejected e) {
            return e.problem();
        } catch (Throwable t) {
            throw new AssertionError("expected SegmentRejected but got " + t, t);
        }
        throw new AssertionError("expected SegmentRejected");
    }

    @Test
    void aFullSegmentBecomesATranscriptSegmentEvent() throws Exception {
        InteractionEvent e =
                parse(
                                """
                        {"contactId":"1709287200.42","speaker":"Customer","text":"I was charged twice",
                         "segmentId":"seg-17","language":"en-US","startMillis":41000,"endMillis":43500,
                         "eventTime":1709287241000,"confidence":0.93,"engine":"whisper",
                         "tenant":"acme","channel":"voice"}
                        """)
                        .get(0);
        assertThat(e.type()).isEqualTo(InteractionType.TRANSCRIPT_SEGMENT);
        assertThat(e.contactId()).isEqualTo("1709287200.42");
        assertThat(e.speaker()).isEqualTo(Speaker.CUSTOMER);
        assertThat(e.text()).isEqualTo("I was charged twice");
        assertThat(e.language()).isEqualTo("en-US");
        assertThat(e.eventTime()).isEqualTo(1_709_287_241_000L);
        assertThat(e.tenant()).isEqualTo("acme");
        assertThat(e.channel()).isEqualTo(Channel.VOICE);
        assertThat(e.source()).isEqualTo("stt:whisper");
        assertThat(e.attributes())
                .containsEntry("segmentId", "seg-17")
                .containsEntry("startMillis", "41000")
                .containsEntry("endMillis", "43500")
                .containsEntry("sttConfidence", "0.93");
        assertThat(e.violations()).isEmpty();
    }

    @Test
    void defaultsAreTheReceiveTimeTheCallersTenantVoiceAndDetection() throws Exception {
        InteractionEvent e =
                parse("{\"contactId\":\"c1\",\"speaker\":\"agent\",\"text\":\"Hello\"}").get(0);
        assertThat(e.eventTime()).isEqualTo(NOW);
        assertThat(e.tenant()).isEqualTo(TENANT);
        assertThat(e.channel()).isEqualTo(Channel.VOICE);
        assertThat(e.language()).isNull();
        assertThat(e.source()).isEqualTo("stt");
    }

    @Test
    void aSegmentNamingAnotherTenantRefusesTheWholeBatchWith403() {
        String mine =
                "{\"contactId\":\"c1\",\"speaker\":\"agent\",\"text\":\"a\",\"tenant\":\"acme\"}";
        String theirs = "{\"contactId\":\"c1\",\"speaker\":\"robot\",\"tenant\":\"globex\"}";

        Problem p = problemOf(() -> parse("[" + mine + "," + theirs + "]"));

        assertThat(p.status()).isEqualTo(403);
        assertThat(p.type()).isEqualTo("/problems/forbidden");
        assertThat(p.errors()).containsExactly("[1].tenant: not your tenant");
        assertThat(p.detail()).contains("'acme'").doesNotContain("globex");
    }

    @Test
    void eventIdsAreStableSoRetriesDoNotDuplicate() throws Exception {
        String withId =
                "{\"contactId\":\"c1\",\"speaker\":\"customer\",\"text\":\"a\",\"segmentId\":\"s1\"}";
        assertThat(segments.parse(withId.getBytes(), NOW, TENANT).get(0).eventId())
                .isEqualTo(segments.parse(withId.getBytes(), NOW + 5_000, TENANT).get(0).eventId());
        String withStart =
                "{\"contactId\":\"c1\",\"speaker\":\"customer\",\"text\":\"a\",\"startMillis\":5}";
        assertThat(segments.parse(withStart.getBytes(), NOW, TENANT).get(0).eventId())
                .isEqualTo(
                        segments.parse(withStart.getBytes(), NOW + 5_000, TENANT).get(0).eventId());
        String other =
                "{\"contactId\":\"c1\",\"speaker\":\"customer\",\"text\":\"a\",\"segmentId\":\"s2\"}";
        assertThat(segments.parse(other.getBytes(), NOW, TENANT).get(0).eventId())
                .isNotEqualTo(segments.parse(withId.getBytes(), NOW, TENANT).get(0).eventId());
    }

    @Test
    void aBatchIsAcceptedWhole() throws Exception {
        assertThat(
                        parse(
                                "[{\"contactId\":\"c1\",\"speaker\":\"customer\",\"text\":\"a\"},"
                                        + "{\"contactId\":\"c1\",\"speaker\":\"agent\",\"text\":\"b\"}]"))
                .extracting(InteractionEvent::text)
                .containsExactly("a", "b");
    }

    @Test
    void aBatchWithOneBadSegmentIsRefusedWholeNamingTheSegment() {
        Problem p =
                problemOf(
                        () ->
                                parse(
                                        "[{\"contactId\":\"c1\",\"speaker\":\"customer\",\"text\":\"a\"},"
                                                + "{\"contactId\":\"c1\",\"speaker\":\"robot\",\"text\":\"b\"}]"));
        assertThat(p.status()).isEqualTo(422);
        assertThat(p.errors())
                .containsExactly("[1].speaker: must be customer, agent or bot, not 'robot'");
    }

    @Test
    void everyInvalidFieldIsReported() {
        Problem p =
                problemOf(
                        () ->
                                parse(
                                        "{\"speker\":\"customer\",\"text\":7,\"startMillis\":-1,"
                                                + "\"endMillis\":1.5,\"confidence\":2,\"language\":\"english!\"}"));
        assertThat(p.status()).isEqualTo(422);
        assertThat(p.errors())
                .contains(
                        "speker: unknown field",
                        "contactId: is required",
                        "text: must be a string",
                        "speaker: is required",
                        "startMillis: must not be negative",
                        "endMillis: must be a whole number of milliseconds",
                        "confidence: must be a number from 0 to 1",
                        "language: must be a code such as en or es-MX, not 'english!'");
    }

    @Test
    void endBeforeStartAndUnitMistakesAreRefused() {
        assertThat(
                        problemOf(
                                        () ->
                                                parse(
                                                        "{\"contactId\":\"c\",\"speaker\":\"agent\",\"text\":\"x\","
                                                                + "\"startMillis\":10,\"endMillis\":5}"))
                                .errors())
                .containsExactly("endMillis: must not be before startMillis");
        // Microseconds instead of milliseconds: the event's own rule catches it.
        assertThat(
                        problemOf(
                                        () ->
                                                parse(
                                                        "{\"contactId\":\"c\",\"speaker\":\"agent\",\"text\":\"x\","
                                                                + "\"eventTime\":1709287241000000}"))
                                .errors())
                .singleElement()
                .asString()
                .contains("is not epoch milliseconds");
    }

    @Test
    void malformedJsonIsA400AndEmptyOrOversizedBatchesA422() {
        assertThat(problemOf(() -> parse("{\"contactId\":")).status()).isEqualTo(400);
        assertThat(problemOf(() -> parse("")).status()).isEqualTo(400);
        assertThat(problemOf(() -> parse("[]")).errors())
                .containsExactly("the array holds no segment");
        String one = "{\"contactId\":\"c\",\"speaker\":\"agent\",\"text\":\"x\"}";
        assertThat(
                        problemOf(() -> parse("[" + String.join(",", one, one, one, one) + "]"))
                                .errors())
                .containsExactly("at most 3 segments per request, got 4");
        assertThat(problemOf(() -> parse("\"just a string\"")).errors())
                .containsExactly("segment: must be a JSON object");
    }

    @Test
    void problemsRenderAsProblemJson() {
        Problem p =
                new Problem(
                        422, "Invalid transcript segment", "fix it", List.of("text: is required"));
        assertThat(new String(p.toJson(), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"type\":\"/problems/invalid-segment\",\"title\":\"Invalid transcript"
                                + " segment\",\"status\":422,\"detail\":\"fix it\",\"errors\":[\"text: is"
                                + " required\"]}");
        assertThatThrownBy(
                        () ->
                                new IngestConfig(
                                        "0.0.0.0",
                                        70_000,
                                        1,
                                        1,
                                        1,
                                        1,
                                        java.time.Duration.ofSeconds(1),
                                        IngestCredentials.NONE))
                .hasMessageContaining("0..65535");
    }
}
