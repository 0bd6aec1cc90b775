package io.ringstream.routing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ringstream.events.Channel;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JSON the contract's records make with a plain Jackson mapper (the bridge's), byte for byte:
 * field names and order, nulls written, enums by name. routing-service's side of the same bodies is
 * checked by its API tests.
 */
class WireFormatTest {
    private static final ObjectMapper JSON =
            JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @Test
    void aRouteRequestIsWrittenWithEveryFieldInOrder() throws Exception {
        Map<String, Integer> skills = new LinkedHashMap<>();
        skills.put("billing", 3);
        skills.put("spanish", 1);
        RouteRequest request =
                new RouteRequest(
                        null,
                        "1700000000.42",
                        "sales",
                        Channel.VOICE,
                        skills,
                        "es",
                        null,
                        "k42",
                        "+34 600 11 22 33",
                        500L,
                        null,
                        null);

        assertThat(JSON.writeValueAsString(request))
                .isEqualTo(
                        "{\"tenant\":null,\"contactId\":\"1700000000.42\",\"queue\":\"sales\","
                                + "\"channel\":\"VOICE\",\"skills\":{\"billing\":3,\"spanish\":1},"
                                + "\"language\":\"es\",\"priority\":null,\"customerId\":\"k42\","
                                + "\"callerNumber\":\"+34 600 11 22 33\","
                                + "\"waitMillis\":500,\"transferFrom\":null,"
                                + "\"identity\":null}");
        assertThat(JSON.readValue(JSON.writeValueAsString(request), RouteRequest.class))
                .isEqualTo(request);
    }

    @Test
    void aRequestWrittenBeforeTheCallerNumberReadsWithout() throws Exception {
        RouteRequest request =
                JSON.readValue(
                        "{\"contactId\":\"c1\",\"queue\":\"q\",\"customerId\":\"k42\"}",
                        RouteRequest.class);

        assertThat(request.callerNumber()).isNull();
        assertThat(request.customerId()).isEqualTo("k42");
    }

    @Test
    void aRequestWithoutChannelIsRoutedAsVoice() throws Exception {
        RouteRequest request =
                JSON.readValue("{\"contactId\":\"c1\",\"queue\":\"q\"}", RouteRequest.class);

        assertThat(request.channel()).isNull();
        assertThat(request.channelOrDefault()).isEqualTo(Channel.VOICE);
    }

    @Test
    void answersReadAsRoutingServiceWritesThem() throws Exception {
        RouteAnswer connect =
                JSON.readValue(
                        "{\"action\":\"CONNECT\",\"tenant\":\"default\",\"contactId\":\"c1\","
                                + "\"queue\":\"sales\",\"target\":\"PJSIP/1001\",\"agentId\":\"a1\","
                                + "\"offerId\":\"o1\",\"step\":1,\"position\":null,"
                                + "\"estimatedWaitSeconds\":null,\"retryAfterSeconds\":null}",
                        RouteAnswer.class);
        RouteAnswer waiting =
                JSON.readValue(
                        "{\"action\":\"WAIT\",\"queue\":\"sales\",\"position\":3,"
                                + "\"estimatedWaitSeconds\":45,\"retryAfterSeconds\":5}",
                        RouteAnswer.class);

        assertThat(connect)
                .isEqualTo(
                        RouteAnswer.connect(
                                "default", "c1", "sales", "PJSIP/1001", "a1", "o1", 1, null));
        assertThat(connect.customerId()).as("an answer written before the field").isNull();
        assertThat(waiting.action()).isEqualTo(RouteAnswer.Action.WAIT);
        assertThat(waiting.position()).isEqualTo(3);
        assertThat(waiting.estimatedWaitSeconds()).isEqualTo(45);
        assertThat(waiting.retryAfterSeconds()).isEqualTo(5);
        assertThat(waiting.target()).isNull();
    }

    @Test
    void anAnswerIsWrittenWithEveryFieldInOrder() throws Exception {
        RouteAnswer waiting = RouteAnswer.waiting("t", "c1", "sales", 2, 60L, 5, "k42");

        assertThat(JSON.writeValueAsString(waiting))
                .isEqualTo(
                        "{\"action\":\"WAIT\",\"tenant\":\"t\",\"contactId\":\"c1\","
                                + "\"queue\":\"sales\",\"target\":null,\"agentId\":null,"
                                + "\"offerId\":null,\"step\":null,\"position\":2,"
                                + "\"estimatedWaitSeconds\":60,\"retryAfterSeconds\":5,"
                                + "\"customerId\":\"k42\"}");
        assertThat(JSON.readValue(JSON.writeValueAsString(waiting), RouteAnswer.class))
                .isEqualTo(waiting);
    }

    @Test
    void anOfferAnswerHasTenantThenReason() throws Exception {
        assertThat(JSON.writeValueAsString(new OfferAnswerRequest("acme", "dial NOANSWER")))
                .isEqualTo("{\"tenant\":\"acme\",\"reason\":\"dial NOANSWER\"}");
    }
}
