package io.ringstream.bridge.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.events.Channel;
import io.ringstream.routing.contract.RouteAnswer;
import io.ringstream.routing.contract.RouteRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure parts of FastAGI: URL parameters in, dialplan variables out. */
class DialplanVariablesTest {

    @Test
    void parametersBecomeARouteRequest() {
        RouteRequest r =
                RouteParameters.parse(
                        Map.of(
                                "queue", "sales",
                                "skills", "billing:3, spanish ,x:5",
                                "priority", "2",
                                "tenant", "acme",
                                "wait", "1500"),
                        "1700000000.1",
                        2_000);

        assertThat(r.contactId()).isEqualTo("1700000000.1");
        assertThat(r.skills())
                .containsExactly(
                        Map.entry("billing", 3), Map.entry("spanish", 1), Map.entry("x", 5));
        assertThat(r.priority()).isEqualTo(2);
        assertThat(r.tenant()).isEqualTo("acme");
        assertThat(r.waitMillis()).isEqualTo(1_500);
        assertThat(r.channel()).isEqualTo(Channel.VOICE);
        assertThat(RouteParameters.parse(Map.of("queue", "q", "channel", "chat"), "u", 0).channel())
                .isEqualTo(Channel.CHAT);
        assertThat(RouteParameters.parse(Map.of("queue", "q", "contact", "c9"), "u", 7).contactId())
                .isEqualTo("c9");
        assertThatThrownBy(
                        () -> RouteParameters.parse(Map.of("queue", "q", "skills", "a:x"), "u", 0))
                .hasMessage("skills must be a number, not 'x'");
        assertThatThrownBy(
                        () -> RouteParameters.parse(Map.of("queue", "q", "channel", "fax"), "u", 0))
                .hasMessageStartingWith("channel must be one of [VOICE, CHAT");
    }

    @Test
    void everyVariableIsSetSoNoStaleValueSurvives() {
        Map<String, String> wait =
                DialplanVariables.of(RouteAnswer.waiting("t", "c1", "q", 4, 60L, 5, null));
        Map<String, String> error = DialplanVariables.error("bad \"quote\"\nline");

        assertThat(wait)
                .containsEntry("RINGSTREAM_ACTION", "WAIT")
                .containsEntry("RINGSTREAM_TARGET", "");
        assertThat(wait.keySet()).isEqualTo(error.keySet());
        assertThat(error.get("RINGSTREAM_ERROR")).doesNotContain("\"", "\n");
    }
}
