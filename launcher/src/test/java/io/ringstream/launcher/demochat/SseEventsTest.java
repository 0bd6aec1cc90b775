package io.ringstream.launcher.demochat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Server-sent events reassembled from lines, as routing-service's assignment stream sends them. */
class SseEventsTest {

    @Test
    void namedEventsWithDataEndAtABlankLine() {
        List<SseEvents.Event> events =
                feed(
                        ":keep-alive",
                        "event: CONNECTED",
                        "data:{\"agentId\":\"chat-1\"}",
                        "",
                        "id: e-2",
                        "event: OFFERED",
                        "data: {\"offerId\":\"o-1\",",
                        "data: \"channel\":\"CHAT\"}",
                        "",
                        "");

        assertThat(events)
                .containsExactly(
                        new SseEvents.Event("CONNECTED", "{\"agentId\":\"chat-1\"}"),
                        new SseEvents.Event(
                                "OFFERED", "{\"offerId\":\"o-1\",\n\"channel\":\"CHAT\"}"));
    }

    @Test
    void anEventWithoutANameIsAMessage() {
        assertThat(feed("data: x", "")).containsExactly(new SseEvents.Event("message", "x"));
    }

    private static List<SseEvents.Event> feed(String... lines) {
        SseEvents sse = new SseEvents();
        List<SseEvents.Event> out = new ArrayList<>();
        for (String line : lines) {
            sse.line(line).ifPresent(out::add);
        }
        return out;
    }
}
