package io.ringstream.pbxsim.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The AMI endpoint's wire protocol, checked with a bare socket so no client library hides errors.
 */
class AmiServerTest {
    private AmiServer server;

    @BeforeEach
    void start() {
        server = AmiServer.start(0, "ringstream", "s3cret");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void greetsWithTheBannerAndAcceptsThePlainSecret() throws Exception {
        try (AmiTestClient client = new AmiTestClient(server.port())) {
            assertThat(client.readLine()).isEqualTo("Asterisk Call Manager/5.0.1");

            client.send(
                    "Action: Login\r\nActionID: a-1\r\nUsername: ringstream\r\nSecret: s3cret\r\n\r\n");

            AmiFrame response = client.readFrame();
            assertThat(response.get("Response")).isEqualTo("Success");
            assertThat(response.get("ActionID")).isEqualTo("a-1");
            assertThat(response.get("Message")).isEqualTo("Authentication accepted");
            AmiFrame booted = client.readFrame();
            assertThat(booted.eventName()).isEqualTo("FullyBooted");
            assertThat(booted.get("Timestamp")).matches("\\d+\\.\\d{6}");
            assertThat(server.sessionCount()).isEqualTo(1);
            assertThat(server.totalLogins()).isEqualTo(1);
        }
    }

    @Test
    void aWrongSecretFailsAndEndsTheSession() throws Exception {
        try (AmiTestClient client = new AmiTestClient(server.port())) {
            client.readLine();
            client.send(
                    "Action: Login\r\nActionID: x\r\nUsername: ringstream\r\nSecret: nope\r\n\r\n");

            AmiFrame response = client.readFrame();

            assertThat(response.get("Response")).isEqualTo("Error");
            assertThat(response.get("Message")).isEqualTo("Authentication failed");
            assertThat(client.closedByServer()).isTrue();
            assertThat(server.totalLogins()).isZero();
        }
    }

    @Test
    void md5ChallengeLoginAcceptsOnlyTheRightKey() throws Exception {
        try (AmiTestClient client = new AmiTestClient(server.port())) {
            client.readLine();
            client.send("Action: Challenge\r\nActionID: c\r\nAuthType: MD5\r\n\r\n");
            String challenge = client.readFrame().get("Challenge");
            assertThat(challenge).matches("\\d{9}");

            client.send(
                    "Action: Login\r\nActionID: l\r\nUsername: ringstream\r\nAuthType: MD5\r\nKey: "
                            + AmiServer.md5Hex(challenge + "s3cret")
                            + "\r\n\r\n");

            assertThat(client.readFrame().get("Message")).isEqualTo("Authentication accepted");
        }
        try (AmiTestClient client = new AmiTestClient(server.port())) {
            client.readLine();
            client.send("Action: Challenge\r\nAuthType: MD5\r\n\r\n");
            String challenge = client.readFrame().get("Challenge");

            client.send(
                    "Action: Login\r\nUsername: ringstream\r\nAuthType: MD5\r\nKey: "
                            + AmiServer.md5Hex(challenge + "wrong")
                            + "\r\n\r\n");

            assertThat(client.readFrame().get("Message")).isEqualTo("Authentication failed");
        }
    }

    @Test
    void actionsBeforeLoginNeedAuthentication() throws Exception {
        try (AmiTestClient client = new AmiTestClient(server.port())) {
            client.readLine();
            client.send("Action: Ping\r\nActionID: p\r\n\r\n");

            AmiFrame response = client.readFrame();

            assertThat(response.get("Response")).isEqualTo("Error");
            assertThat(response.get("Message")).isEqualTo("Authentication Required");
            assertThat(response.get("ActionID")).isEqualTo("p");
        }
    }

    @Test
    void pingPongsAndUnknownOrMissingActionsAreErrors() throws Exception {
        try (AmiTestClient client = new AmiTestClient(server.port())) {
            client.login("ringstream", "s3cret");
            client.send("Action: Ping\r\nActionID: p-7\r\n\r\n");
            AmiFrame pong = client.readUntil("ActionID", "p-7");
            assertThat(pong.get("Response")).isEqualTo("Success");
            assertThat(pong.get("Ping")).isEqualTo("Pong");

            client.send("Action: FlyToTheMoon\r\nActionID: u\r\n\r\n");
            AmiFrame unknown = client.readUntil("ActionID", "u");
            assertThat(unknown.get("Response")).isEqualTo("Error");
            assertThat(unknown.get("Message")).startsWith("Invalid/unknown command: FlyToTheMoon");

            client.send("ActionID: m\r\n\r\n");
            assertThat(client.readUntil("ActionID", "m").get("Message"))
                    .isEqualTo("Missing action in request");
        }
    }

    @Test
    void reportsAsterisk20ForVersionDetection() throws Exception {
        try (AmiTestClient client = new AmiTestClient(server.port())) {
            client.login("ringstream", "s3cret");

            client.send("Action: CoreSettings\r\nActionID: cs\r\n\r\n");
            AmiFrame settings = client.readUntil("ActionID", "cs");
            client.send("Action: Command\r\nActionID: v\r\nCommand: core show version\r\n\r\n");
            AmiFrame version = client.readUntil("ActionID", "v");
            client.send("Action: Command\r\nActionID: w\r\nCommand: core reboot\r\n\r\n");
            AmiFrame other = client.readUntil("ActionID", "w");

            assertThat(settings.get("AsteriskVersion")).startsWith("20.");
            assertThat(settings.get("AMIversion")).isEqualTo("5.0.1");
            assertThat(version.get("Output")).startsWith("Asterisk 20.");
            assertThat(other.get("Response")).isEqualTo("Error");
            assertThat(other.get("Output")).startsWith("No such command 'core reboot'");
        }
    }

    @Test
    void logoffSaysGoodbyeAndCloses() throws Exception {
        try (AmiTestClient client = new AmiTestClient(server.port())) {
            client.login("ringstream", "s3cret");
            client.send("Action: Logoff\r\nActionID: bye\r\n\r\n");

            AmiFrame goodbye = client.readUntil("ActionID", "bye");

            assertThat(goodbye.get("Response")).isEqualTo("Goodbye");
            assertThat(client.closedByServer()).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> server.sessionCount() == 0);
        }
    }

    @Test
    void eventsReachLoggedInSessionsOnly() throws Exception {
        try (AmiTestClient in = new AmiTestClient(server.port());
                AmiTestClient out = new AmiTestClient(server.port())) {
            in.login("ringstream", "s3cret");
            in.readUntil("Event", "FullyBooted");
            out.readLine();

            server.emit(AmiFrame.event("UserEvent").add("UserEvent", "Hello").build());
            out.send("Action: Ping\r\nActionID: after\r\n\r\n");

            assertThat(in.readFrame().get("UserEvent")).isEqualTo("Hello");
            // Had the event reached the unauthenticated session, it would be read first.
            assertThat(out.readFrame().get("ActionID")).isEqualTo("after");
        }
    }

    @Test
    void eventsOffSilencesASession() throws Exception {
        try (AmiTestClient client = new AmiTestClient(server.port())) {
            client.login("ringstream", "s3cret");
            client.send("Action: Events\r\nActionID: e\r\nEventMask: off\r\n\r\n");
            assertThat(client.readUntil("ActionID", "e").get("Events")).isEqualTo("Off");

            server.emit(AmiFrame.event("UserEvent").add("UserEvent", "Muted").build());
            client.send("Action: Ping\r\nActionID: next\r\n\r\n");

            assertThat(client.readFrame().get("ActionID")).isEqualTo("next");
        }
    }

    @Test
    void rawTextIsSentAsIs() throws Exception {
        try (AmiTestClient client = new AmiTestClient(server.port())) {
            client.login("ringstream", "s3cret");
            client.readUntil("Event", "FullyBooted");

            server.emitRaw("Event: QueueCallerJoin\r\nTimestamp: not-a-number\r\n\r\n");

            AmiFrame raw = client.readFrame();
            assertThat(raw.get("Timestamp")).isEqualTo("not-a-number");
        }
    }

    @Test
    void droppingSessionsClosesEveryConnection() throws Exception {
        try (AmiTestClient client = new AmiTestClient(server.port())) {
            client.login("ringstream", "s3cret");
            client.readUntil("Event", "FullyBooted");

            server.dropAllSessions();

            assertThat(server.sessionCount()).isZero();
            assertThat(client.closedByServer()).isTrue();
        }
    }
}
