package io.ringstream.bridge.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.ringstream.bridge.BridgeConfig;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.pbxsim.ami.AmiFrame;
import io.ringstream.pbxsim.ami.AmiServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A customer named by a route answer, through the running bridge: one IDENTIFIED event, then the
 * contact's AMI events carry the customer until its hangup, over a real AMI connection.
 */
class AmiBridgeCustomersTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CALLER = "1715677200.11";

    private final AmiServer server = AmiServer.start(0, "ringstream", "s3cret");
    private final RecordingSink sink = new RecordingSink();
    private AmiBridge bridge;

    @BeforeEach
    void start() {
        bridge =
                new AmiBridge(
                        BridgeConfig.of(
                                "unused:9092", "127.0.0.1", server.port(), "ringstream", "s3cret"),
                        sink);
        bridge.start();
        // FullyBooted has been received and handled: the worker is idle.
        await().atMost(WAIT).until(() -> bridge.isConnected() && bridge.stats().ignored() == 1);
    }

    @AfterEach
    void stop() {
        bridge.close();
        server.close();
    }

    private static AmiFrame join(String contactId, String timestamp) {
        return AmiFrame.event("QueueCallerJoin")
                .add("Privilege", "agent,all")
                .add("Timestamp", timestamp)
                .add("Uniqueid", contactId)
                .add("Linkedid", contactId)
                .add("Queue", "sales")
                .add("Position", 1)
                .add("Count", 1)
                .build();
    }

    private static AmiFrame hangup(String contactId, String timestamp) {
        return AmiFrame.event("Hangup")
                .add("Privilege", "call,all")
                .add("Timestamp", timestamp)
                .add("Uniqueid", contactId)
                .add("Linkedid", contactId)
                .add("Cause", 16)
                .add("Cause-txt", "Normal Clearing")
                .build();
    }

    @Test
    void aNewCustomerIsPublishedOnceAndStampedOnTheContactsEventsUntilItsHangup() {
        bridge.customerIdentified("acme", CALLER, "k42");
        bridge.customerIdentified("acme", CALLER, "k42");

        server.emit(join(CALLER, "1715677201.000001"));
        server.emit(join("1715677200.99", "1715677201.000002"));
        server.emit(hangup(CALLER, "1715677202.000001"));
        await().atMost(WAIT).until(() -> sink.contacts.size() == 4);

        assertThat(sink.contacts)
                .extracting(ContactEvent::type, ContactEvent::contactId, ContactEvent::customerId)
                .containsExactly(
                        tuple(ContactEventType.IDENTIFIED, CALLER, "k42"),
                        tuple(ContactEventType.QUEUED, CALLER, "k42"),
                        tuple(ContactEventType.QUEUED, "1715677200.99", null),
                        tuple(ContactEventType.ENDED, CALLER, "k42"));
        assertThat(sink.contacts.get(0).tenant()).isEqualTo("acme");
        assertThat(sink.contacts.get(0).violations()).isEmpty();
        assertThat(bridge.customers().size()).as("forgotten at the hangup").isZero();
    }

    @Test
    void anotherCustomerForTheSameContactIsNewsAgain() {
        bridge.customerIdentified(null, CALLER, "k42");
        bridge.customerIdentified(null, CALLER, "k43");

        assertThat(sink.contacts)
                .extracting(ContactEvent::customerId)
                .containsExactly("k42", "k43");
        assertThat(sink.contacts.get(0).eventId()).isNotEqualTo(sink.contacts.get(1).eventId());
        assertThat(bridge.customers().customerOf(CALLER)).isEqualTo("k43");
    }
}
