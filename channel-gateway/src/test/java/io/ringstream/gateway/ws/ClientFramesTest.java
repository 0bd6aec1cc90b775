package io.ringstream.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Client frames of the WebSocket protocol as the gateway reads them: each type's fields, text
 * length in characters, and malformed frames as bad frames.
 */
class ClientFramesTest {
    private final ClientFrames frames = new ClientFrames(10);

    @Test
    void readsAVisitorsStart() {
        ClientFrames.Parsed p =
                frames.parse(
                        "{\"type\":\"start\",\"widget\":\"demo\",\"topic\":\"sales\",\"name\":\"Ana\","
                                + "\"email\":\"ana@example.com\",\"ref\":\"r1\"}");
        assertThat(p)
                .isEqualTo(
                        new ClientFrames.Ok(
                                new ClientFrame.Start(
                                        "r1",
                                        "demo",
                                        "sales",
                                        "Ana",
                                        "ana@example.com",
                                        null,
                                        null)));
    }

    @Test
    void readsSendResumeAndAgentFrames() {
        assertThat(frames.parse("{\"type\":\"send\",\"clientId\":\"v-1\",\"text\":\"hello\"}"))
                .isEqualTo(new ClientFrames.Ok(new ClientFrame.Send(null, null, "v-1", "hello")));
        assertThat(frames.parse("{\"type\":\"resume\",\"token\":\"t\",\"lastSeq\":4}"))
                .isEqualTo(new ClientFrames.Ok(new ClientFrame.Resume(null, "t", null, 4)));
        assertThat(frames.parse("{\"type\":\"read\",\"conversationId\":\"c\",\"seq\":2}"))
                .isEqualTo(new ClientFrames.Ok(new ClientFrame.Read(null, "c", 2)));
        assertThat(frames.parse("{\"type\":\"hello\",\"token\":\"jwt\"}"))
                .isEqualTo(new ClientFrames.Ok(new ClientFrame.Hello(null, "jwt")));
    }

    @Test
    void aTooLongTextIsTooLongNotBad() {
        ClientFrames.Parsed p =
                frames.parse(
                        "{\"type\":\"send\",\"clientId\":\"v\",\"text\":\"12345678901\",\"ref\":\"x\"}");
        assertThat(p).isInstanceOf(ClientFrames.Refused.class);
        assertThat(((ClientFrames.Refused) p).code()).isEqualTo("too-long");
        assertThat(((ClientFrames.Refused) p).ref()).isEqualTo("x");
    }

    @Test
    void textLengthCountsCharactersNotUtf16Units() {
        // Ten emoji are ten characters (twenty UTF-16 units).
        String tenEmoji = "😀".repeat(10);
        assertThat(
                        frames.parse(
                                "{\"type\":\"send\",\"clientId\":\"v\",\"text\":\""
                                        + tenEmoji
                                        + "\"}"))
                .isInstanceOf(ClientFrames.Ok.class);
    }

    @Test
    void malformedFramesAreBadFrames() {
        for (String bad :
                new String[] {
                    "not json",
                    "[1,2]",
                    "{}",
                    "{\"type\":\"dance\"}",
                    "{\"type\":7}",
                    "{\"type\":\"send\",\"text\":\"hi\"}",
                    "{\"type\":\"send\",\"clientId\":\"v\",\"text\":\"   \"}",
                    "{\"type\":\"send\",\"clientId\":5,\"text\":\"hi\"}",
                    "{\"type\":\"resume\",\"token\":\"t\",\"lastSeq\":-1}",
                    "{\"type\":\"resume\",\"token\":\"t\",\"lastSeq\":1.5}",
                    "{\"type\":\"hello\"}",
                    "{\"type\":\"start\",\"name\":\"" + "x".repeat(300) + "\"}"
                }) {
            ClientFrames.Parsed p = frames.parse(bad);
            assertThat(p).as(bad).isInstanceOf(ClientFrames.Refused.class);
            assertThat(((ClientFrames.Refused) p).code()).as(bad).isEqualTo("bad-frame");
        }
    }
}
