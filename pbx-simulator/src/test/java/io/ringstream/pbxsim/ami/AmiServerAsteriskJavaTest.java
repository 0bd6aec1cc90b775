package io.ringstream.pbxsim.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ringstream.pbxsim.flow.Agent;
import io.ringstream.pbxsim.flow.CallFlows;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.asteriskjava.AsteriskVersion;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Asterisk-Java, the bridge's client library, against the endpoint over loopback TCP. */
class AmiServerAsteriskJavaTest {
    private AmiServer server;
    private ManagerConnection connection;
    private final List<ManagerEvent> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server = AmiServer.start(0, "ringstream", "s3cret");
    }

    @AfterEach
    void stop() {
        if (connection != null && connection.getState() == ManagerConnectionState.CONNECTED) {
            connection.logoff();
        }
        server.close();
    }

    private ManagerConnection connect(String secret) {
        connection =
                new ManagerConnectionFactory("127.0.0.1", server.port(), "ringstream", secret)
                        .createManagerConnection();
        connection.addEventListener(received::add);
        return connection;
    }

    @Test
    void logsInWithMd5AndDetectsAsterisk20() throws Exception {
        ManagerConnection c = connect("s3cret");

        c.login();

        assertThat(c.getState()).isEqualTo(ManagerConnectionState.CONNECTED);
        assertThat(c.getVersion()).isEqualTo(AsteriskVersion.ASTERISK_20);
        assertThat(server.sessionCount()).isEqualTo(1);
        ManagerResponse pong = c.sendAction(new PingAction());
        assertThat(pong.getResponse()).isEqualTo("Success");
    }

    @Test
    void aWrongSecretIsAnAuthenticationFailure() {
        ManagerConnection c = connect("wrong");

        assertThatThrownBy(c::login).isInstanceOf(AuthenticationFailedException.class);
        assertThat(server.totalLogins()).isZero();
    }

    @Test
    void queueEventsArriveWithTheirTimestamp() throws Exception {
        connect("s3cret").login();
        CallFlows flows = new CallFlows();
        Agent alice = Agent.of("PJSIP/1001", "Alice", "sales");

        flows.answered("sales", "+15550001", 1_715_677_200_000_000L, alice, 5, 2, 30, "caller")
                .frames()
                .forEach(server::emit);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> received.stream().anyMatch(AgentConnectEvent.class::isInstance));
        QueueCallerJoinEvent join =
                received.stream()
                        .filter(QueueCallerJoinEvent.class::isInstance)
                        .map(QueueCallerJoinEvent.class::cast)
                        .findFirst()
                        .orElseThrow();
        assertThat(join.getQueue()).isEqualTo("sales");
        assertThat(join.getTimestamp()).isEqualTo(1_715_677_202.0);
        AgentConnectEvent connect =
                received.stream()
                        .filter(AgentConnectEvent.class::isInstance)
                        .map(AgentConnectEvent.class::cast)
                        .findFirst()
                        .orElseThrow();
        assertThat(connect.getHoldTime()).isEqualTo(5L);
        assertThat(connect.getRingtime()).isEqualTo(2_000L);
        assertThat(connect.getInterface()).isEqualTo("PJSIP/1001");
    }

    @Test
    void reconnectsByItselfAfterThePbxDropsTheConnection() throws Exception {
        connect("s3cret").login();

        server.dropAllSessions();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> server.totalLogins() == 2 && server.sessionCount() == 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> connection.getState() == ManagerConnectionState.CONNECTED);
        server.emit(
                AmiFrame.event("QueueCallerJoin")
                        .add("Privilege", "agent,all")
                        .add("Timestamp", "1715677300.000001")
                        .add("Queue", "support")
                        .add("Uniqueid", "1715677300.9")
                        .build());
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () ->
                                received.stream()
                                        .anyMatch(
                                                e ->
                                                        e instanceof QueueCallerJoinEvent j
                                                                && "support".equals(j.getQueue())));
    }
}
