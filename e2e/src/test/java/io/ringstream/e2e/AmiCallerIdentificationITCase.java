package io.ringstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.runtime.server.EmbeddedServer;
import io.ringstream.bridge.BridgeConfig;
import io.ringstream.bridge.agi.RoutingClient;
import io.ringstream.bridge.ami.AmiBridge;
import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.Tenants;
import io.ringstream.events.topics.Topics;
import io.ringstream.kafka.TopicReader;
import io.ringstream.pbxsim.ami.AmiServer;
import io.ringstream.pbxsim.flow.Agent;
import io.ringstream.pbxsim.flow.CallFlows;
import io.ringstream.pbxsim.flow.CallScript;
import io.ringstream.routing.contract.client.RoutingCredentials;
import io.ringstream.routing.customers.CustomerResolver;
import io.ringstream.routing.customers.IdentityMatch;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.KafkaExtension;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Caller identification for calls Asterisk routes itself (app_queue, no FastAGI): the PBX simulator
 * speaks real AMI over TCP to the bridge, the bridge asks a real routing-service (real PostgreSQL)
 * who the caller is, and the contact's events on a real Kafka broker carry the customer from
 * IDENTIFIED on.
 */
class AmiCallerIdentificationITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final Duration TIMEOUT = RoutingStack.TIMEOUT;
    private static EmbeddedServer service;

    private final AmiServer pbx = AmiServer.start(0, "ringstream", "e2e-secret");
    private AmiBridge bridge;

    @BeforeAll
    static void startRoutingService() {
        service = RoutingStack.startService(KAFKA.bootstrapServers(), CLICKHOUSE.jdbcUrl());
    }

    @AfterAll
    static void stopRoutingService() {
        if (service != null) {
            service.close();
        }
    }

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
        pbx.close();
    }

    @Test
    void anAmiCallFromAKnownNumberCarriesItsCustomerOnKafkaFromIdentifiedOn() {
        // given Ana, a customer of the bridge's tenant, and a bridge that identifies AMI callers
        UUID ana = customer("+34612345678", "Ana");
        startBridge();

        // when she calls and Asterisk's queue hands the call to an agent
        // The script's call (IVR 2 s, wait 5 s, ring 2 s, talk 30 s) is emitted at once:
        // dated so that its last event is just behind the wall clock. Dated from now, its events
        // were up to 40 s ahead; the next test's jobs read this broker's topics from the start, and
        // a partition's event time then ran that far ahead of the wall clock: their own events on
        // it were late.
        CallScript call =
                new CallFlows()
                        .answered(
                                "sales",
                                "+34 612 345 678",
                                (System.currentTimeMillis() - 45_000L) * 1_000L,
                                Agent.of("PJSIP/1001", "Bo", "sales"),
                                5,
                                2,
                                30,
                                "caller");
        String contact = call.uniqueid();
        pbx.emit(call.frames().get(0));
        KAFKA.awaitRecords(
                Topics.CONTACT_EVENTS,
                e -> e.contactId().equals(contact) && e.type() == ContactEventType.IDENTIFIED,
                1,
                TIMEOUT);
        call.frames().stream().skip(1).forEach(pbx::emit);
        KAFKA.awaitRecords(
                Topics.CONTACT_EVENTS,
                e -> e.contactId().equals(contact) && e.type() == ContactEventType.ENDED,
                1,
                TIMEOUT);

        // then, in the contact's order on Kafka: ARRIVED without a customer, IDENTIFIED with Ana,
        // and every later event with Ana, up to the hangup
        List<ContactEvent> events = contactEvents(contact);
        assertThat(events.get(0).type()).isEqualTo(ContactEventType.ARRIVED);
        assertThat(events.get(0).customerId()).isNull();
        assertThat(events.get(1).type()).isEqualTo(ContactEventType.IDENTIFIED);
        assertThat(events.subList(1, events.size()))
                .extracting(ContactEvent::customerId)
                .containsOnly(ana.toString());
        assertThat(events)
                .extracting(ContactEvent::type)
                .contains(
                        ContactEventType.QUEUED,
                        ContactEventType.OFFERED,
                        ContactEventType.ANSWERED,
                        ContactEventType.ENDED);
        assertThat(bridge.callerIdentificationStats().orElseThrow().identified()).isEqualTo(1);
    }

    private UUID customer(String number, String name) {
        IdentityMatch created =
                service.getApplicationContext()
                        .getBean(CustomerResolver.class)
                        .findOrCreate(Tenants.DEFAULT, IdentityKind.PHONE, number, "e2e", name);
        return ((IdentityMatch.Created) created).customerId();
    }

    /** The bridge as {@code up} runs it: PBX tokens minted with the service's signing key. */
    private void startBridge() {
        RoutingClient routing =
                new RoutingClient(
                        URI.create(service.getURL().toString()),
                        Duration.ofSeconds(5),
                        RoutingCredentials.source(
                                () ->
                                        RoutingStack.tokens()
                                                .issue(
                                                        Caller.of(
                                                                "e2e-bridge",
                                                                Tenants.DEFAULT,
                                                                Role.PBX),
                                                        Duration.ofMinutes(10))),
                        Clock.systemUTC());
        bridge =
                AmiBridge.create(
                        BridgeConfig.of(
                                        KAFKA.bootstrapServers(),
                                        "127.0.0.1",
                                        pbx.port(),
                                        "ringstream",
                                        "e2e-secret")
                                .withServerName(
                                        "e2e-" + UUID.randomUUID().toString().substring(0, 8)));
        bridge.identifyCallersWith(routing::identify);
        bridge.start();
        await().atMost(TIMEOUT).until(bridge::isConnected);
    }

    private static List<ContactEvent> contactEvents(String contactId) {
        return KAFKA.readRawSinceMark(Topics.CONTACT_EVENTS.name(), TIMEOUT).stream()
                .map(r -> TopicReader.decode(Topics.CONTACT_EVENTS, r))
                .filter(e -> e.contactId().equals(contactId))
                .toList();
    }
}
