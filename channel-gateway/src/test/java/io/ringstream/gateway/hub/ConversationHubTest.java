package io.ringstream.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringstream.channels.webhook.DeliveryStatus;
import io.ringstream.channels.webhook.InboundMessage;
import io.ringstream.channels.webhook.MessageKind;
import io.ringstream.channels.webhook.Provider;
import io.ringstream.events.Assignment;
import io.ringstream.events.AssignmentType;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.InteractionType;
import io.ringstream.events.topics.Topic;
import io.ringstream.gateway.ChatLimits;
import io.ringstream.gateway.WidgetConfig;
import io.ringstream.gateway.events.EventSink;
import io.ringstream.gateway.providers.SendOutcome;
import io.ringstream.gateway.routing.Routing;
import io.ringstream.routing.contract.ChannelIdentity;
import io.ringstream.routing.contract.RouteAnswer;
import io.ringstream.routing.contract.RouteRequest;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The hub's rules without Kafka, HTTP or sockets (a recording event sink, routing and peers, a
 * hand-moved clock): start and routing, agents joining and transfers, numbering and resume,
 * abandon, idle and retention, typing limits, and provider conversations.
 */
class ConversationHubTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<Object> events = new ArrayList<>();
    private final List<String> routingCalls = new ArrayList<>();
    private final List<RouteRequest> routed = new ArrayList<>();
    private String customerFromRouting;

    private final EventSink sink =
            new EventSink() {
                @Override
                public <T> void publish(Topic<T> topic, T value) {
                    events.add(value);
                }
            };
    private final Routing routing =
            new Routing() {
                @Override
                public RouteAnswer route(RouteRequest request) {
                    routed.add(request);
                    return RouteAnswer.waiting(
                            request.tenant(),
                            request.contactId(),
                            request.queue(),
                            1,
                            null,
                            5,
                            customerFromRouting);
                }

                @Override
                public void end(String tenant, String contactId) {
                    routingCalls.add("end " + tenant + " " + contactId);
                }

                @Override
                public void abandon(String tenant, String contactId) {
                    routingCalls.add("abandon " + tenant + " " + contactId);
                }
            };
    private final ConversationHub hub =
            new ConversationHub(
                    WidgetConfig.builtIn(),
                    Map.of("*", "sales", "whatsapp:555", "wa-queue"),
                    ChatLimits.defaults(),
                    sink,
                    routing,
                    Runnable::run,
                    now::get,
                    new SimpleMeterRegistry());

    static final class RecordingPeer implements Peer {
        final List<ObjectNode> frames = new ArrayList<>();
        int closedWith;

        @Override
        public void send(ObjectNode frame) {
            frames.add(frame);
        }

        @Override
        public void close(int code, String reason) {
            closedWith = code;
        }

        List<ObjectNode> ofType(String type) {
            return frames.stream().filter(f -> type.equals(f.path("type").asText())).toList();
        }
    }

    private final RecordingPeer visitor = new RecordingPeer();
    private final RecordingPeer agentPeer = new RecordingPeer();
    private final Caller agent = Caller.of("1001", "default", Role.AGENT);

    private ConversationHub.Started.Ok start() {
        return (ConversationHub.Started.Ok)
                hub.start(
                        visitor,
                        "demo",
                        "support",
                        new ConversationHub.Visitor("Ana", "ana@example.com", null, "en"));
    }

    private void accept(String contactId, String agentId) {
        hub.onAssignment(
                new Assignment(
                        1,
                        "id-" + contactId + agentId,
                        AssignmentType.ACCEPTED,
                        "default",
                        now.get(),
                        "routing",
                        "offer-1",
                        contactId,
                        agentId,
                        null,
                        "support",
                        Channel.CHAT,
                        1,
                        null,
                        null,
                        null,
                        null,
                        null));
    }

    private List<ContactEventType> contactEvents() {
        return events.stream()
                .filter(ContactEvent.class::isInstance)
                .map(e -> ((ContactEvent) e).type())
                .toList();
    }

    @Test
    void aStartQueuesAndRoutesTheChatWithTheVisitorsIdentity() {
        customerFromRouting = "cust-7";
        ConversationHub.Started.Ok ok = start();
        assertThat(ok.token()).hasSize(43); // 32 bytes, base64url without padding
        assertThat(routed).hasSize(1);
        RouteRequest r = routed.get(0);
        assertThat(r.channel()).isEqualTo(Channel.CHAT);
        assertThat(r.waitMillis()).isZero();
        assertThat(r.queue()).isEqualTo("support");
        assertThat(r.language()).isEqualTo("en");
        assertThat(r.identity()).isEqualTo(new ChannelIdentity("EMAIL", "ana@example.com", "Ana"));
        assertThat(contactEvents())
                .containsExactly(ContactEventType.QUEUED, ContactEventType.IDENTIFIED);
    }

    @Test
    void unknownWidgetsAndTopicsAreRefused() {
        assertThat(
                        hub.start(
                                visitor,
                                "nope",
                                null,
                                new ConversationHub.Visitor(null, null, null, null)))
                .isInstanceOf(ConversationHub.Started.Refused.class);
        assertThat(
                        hub.start(
                                visitor,
                                "demo",
                                "nope",
                                new ConversationHub.Visitor(null, null, null, null)))
                .isInstanceOf(ConversationHub.Started.Refused.class);
        assertThat(events).isEmpty();
    }

    @Test
    void theAcceptedAgentJoinsSeesTheHistoryAndRepliesAreNumberedWithTheVisitors() {
        ConversationHub.Started.Ok ok = start();
        hub.visitorSend(ok.token(), "v-1", "hello", null);
        hub.agentJoined(agent, agentPeer);
        assertThat(agentPeer.ofType("conversation")).as("not assigned yet").isEmpty();

        accept(ok.conversationId(), "1001");
        assertThat(visitor.ofType("agent_joined")).hasSize(1);
        ObjectNode conversation = agentPeer.ofType("conversation").get(0);
        assertThat(conversation.path("messages").get(0).path("text").asText()).isEqualTo("hello");
        assertThat(contactEvents()).contains(ContactEventType.ANSWERED);

        hub.agentSend(agent, agentPeer, ok.conversationId(), "a-1", "hi Ana", null);
        ObjectNode reply = visitor.ofType("message").get(1);
        assertThat(reply.path("seq").asLong()).isEqualTo(2);
        assertThat(reply.path("from").asText()).isEqualTo("AGENT");
        assertThat(events.stream().filter(InteractionEvent.class::isInstance)).hasSize(2);
    }

    @Test
    void anotherAgentCannotTouchTheConversation() {
        ConversationHub.Started.Ok ok = start();
        accept(ok.conversationId(), "1001");
        RecordingPeer intruderPeer = new RecordingPeer();
        Caller intruder = Caller.of("2002", "default", Role.AGENT);
        hub.agentSend(intruder, intruderPeer, ok.conversationId(), "x", "boo", null);
        Caller otherTenant = Caller.of("1001", "acme", Role.AGENT);
        hub.agentSend(otherTenant, intruderPeer, ok.conversationId(), "x", "boo", null);
        assertThat(intruderPeer.ofType("error"))
                .extracting(f -> f.path("code").asText())
                .containsExactly("unknown-conversation", "unknown-conversation");
        assertThat(visitor.ofType("message")).isEmpty();
    }

    @Test
    void aResentMessageIsAcknowledgedAsADuplicateAndResumeContinuesWithoutGap() {
        ConversationHub.Started.Ok ok = start();
        hub.visitorSend(ok.token(), "v-1", "one", null);
        hub.visitorSend(ok.token(), "v-2", "two", null);
        hub.visitorSend(ok.token(), "v-1", "one again", null);
        assertThat(visitor.ofType("ack").get(2).path("duplicate").asBoolean()).isTrue();
        assertThat(visitor.ofType("ack").get(2).path("seq").asLong()).isEqualTo(1);

        hub.visitorGone(ok.token(), visitor);
        RecordingPeer back = new RecordingPeer();
        assertThat(hub.resumeVisitor(back, ok.token(), 1, null)).isTrue();
        assertThat(back.frames.get(0).path("type").asText()).isEqualTo("resumed");
        assertThat(back.ofType("message"))
                .extracting(f -> f.path("seq").asLong())
                .containsExactly(2L);

        RecordingPeer ahead = new RecordingPeer();
        hub.resumeVisitor(ahead, ok.token(), 9, null);
        assertThat(ahead.ofType("resync").get(0).path("reason").asText()).isEqualTo("AHEAD_OF_LOG");
        assertThat(back.closedWith).as("replaced by the newer connection").isEqualTo(4409);
        assertThat(hub.resumeVisitor(new RecordingPeer(), "no-such-token", 0, null)).isFalse();
    }

    @Test
    void aVisitorWhoLeavesBeforeAnAgentJoinedAbandons() {
        ConversationHub.Started.Ok ok = start();
        hub.visitorClose(ok.token());
        assertThat(contactEvents())
                .containsExactly(
                        ContactEventType.QUEUED,
                        ContactEventType.ABANDONED,
                        ContactEventType.ENDED);
        assertThat(routingCalls).containsExactly("abandon default " + ok.conversationId());
        assertThat(visitor.ofType("closed").get(0).path("by").asText()).isEqualTo("VISITOR");
        hub.visitorSend(ok.token(), "v-9", "late", null);
        assertThat(visitor.ofType("error").get(0).path("code").asText()).isEqualTo("closed");
    }

    @Test
    void aDisconnectedVisitorIsAbandonedAfterTheGraceAndForgottenAfterTheRetention() {
        ConversationHub.Started.Ok ok = start();
        hub.visitorGone(ok.token(), visitor);
        now.addAndGet(ChatLimits.defaults().resumeGrace().toMillis() - 1);
        hub.sweep();
        assertThat(routingCalls).isEmpty();
        now.addAndGet(1);
        hub.sweep();
        assertThat(routingCalls).containsExactly("abandon default " + ok.conversationId());

        RecordingPeer late = new RecordingPeer();
        assertThat(hub.resumeVisitor(late, ok.token(), 0, null)).isTrue();
        assertThat(late.frames.get(0).path("closed").asBoolean()).isTrue();
        now.addAndGet(ChatLimits.defaults().closedRetention().toMillis());
        hub.sweep();
        assertThat(hub.resumeVisitor(new RecordingPeer(), ok.token(), 0, null)).isFalse();
    }

    @Test
    void anAnsweredConversationEndsOnIdleOrAgentClose() {
        ConversationHub.Started.Ok ok = start();
        accept(ok.conversationId(), "1001");
        hub.agentJoined(agent, agentPeer);
        now.addAndGet(ChatLimits.defaults().conversationIdle().toMillis());
        hub.sweep();
        assertThat(routingCalls).containsExactly("end default " + ok.conversationId());
        assertThat(agentPeer.ofType("closed").get(0).path("by").asText()).isEqualTo("IDLE");
        ContactEvent ended = (ContactEvent) events.get(events.size() - 1);
        assertThat(ended.type()).isEqualTo(ContactEventType.ENDED);
        assertThat(ended.durationMillis())
                .isEqualTo(ChatLimits.defaults().conversationIdle().toMillis());

        ConversationHub.Started.Ok second = start();
        accept(second.conversationId(), "1001");
        hub.agentClose(agent, agentPeer, second.conversationId(), null);
        assertThat(routingCalls).contains("end default " + second.conversationId());
        assertThat(visitor.ofType("closed").get(1).path("by").asText()).isEqualTo("AGENT");
    }

    @Test
    void typingIsPassedAtMostEveryTwoSeconds() {
        ConversationHub.Started.Ok ok = start();
        accept(ok.conversationId(), "1001");
        hub.agentJoined(agent, agentPeer);
        hub.visitorTyping(ok.token());
        hub.visitorTyping(ok.token());
        now.addAndGet(2_000);
        hub.visitorTyping(ok.token());
        assertThat(agentPeer.ofType("typing")).hasSize(2);
    }

    private InboundMessage whatsapp(String id, String text) {
        return new InboundMessage(
                Provider.WHATSAPP,
                "555",
                "+34600000001",
                "Luis",
                id,
                now.get(),
                MessageKind.TEXT,
                text,
                List.of());
    }

    @Test
    void aProviderMessageOpensOneConversationPerCustomerAndRetriesAreDropped() {
        hub.message("default", whatsapp("wamid.1", "hola"));
        hub.message("default", whatsapp("wamid.1", "hola"));
        hub.message("default", whatsapp("wamid.2", "¿hay alguien?"));
        assertThat(routed).hasSize(1);
        RouteRequest r = routed.get(0);
        assertThat(r.channel()).isEqualTo(Channel.MESSAGING);
        assertThat(r.queue()).isEqualTo("wa-queue");
        assertThat(r.identity().kind()).isEqualTo("WHATSAPP");
        assertThat(r.identity().value()).isEqualTo("+34600000001");
        assertThat(events.stream().filter(InteractionEvent.class::isInstance)).hasSize(2);

        accept(r.contactId(), "1001");
        hub.agentJoined(agent, agentPeer);
        ObjectNode conversation = agentPeer.ofType("conversation").get(0);
        assertThat(conversation.path("provider").asText()).isEqualTo("WHATSAPP");
        assertThat(conversation.path("messages")).hasSize(2);
    }

    @Test
    void aProviderReplyWithoutSendApisIsRefusedAndRefusalsReachTheAgent() {
        hub.message("default", whatsapp("wamid.1", "hola"));
        String contactId = routed.get(0).contactId();
        accept(contactId, "1001");
        hub.agentJoined(agent, agentPeer);
        hub.agentSend(agent, agentPeer, contactId, "a-1", "buenas", null);
        assertThat(agentPeer.ofType("refused").get(0).path("reason").asText())
                .isEqualTo("provider not configured");

        hub.outbound(
                reply ->
                        CompletableFuture.completedFuture(
                                new SendOutcome.Refused("window closed")));
        hub.agentSend(agent, agentPeer, contactId, "a-2", "buenas", null);
        assertThat(agentPeer.ofType("ack")).hasSize(1);
        assertThat(agentPeer.ofType("refused").get(1).path("reason").asText())
                .isEqualTo("window closed");
    }

    @Test
    void aStatusBeforeOrAfterTheSendAnswerBecomesOneReceiptOfThatReply() {
        hub.message("default", whatsapp("wamid.1", "hola"));
        String contactId = routed.get(0).contactId();
        accept(contactId, "1001");
        hub.agentJoined(agent, agentPeer);
        CompletableFuture<SendOutcome> answer = new CompletableFuture<>();
        hub.outbound(reply -> answer);
        hub.agentSend(agent, agentPeer, contactId, "a-1", "buenas", null);

        // Meta reports "sent" before our send call has its answer: held, not dropped.
        hub.status("default", status("wamid.out", DeliveryStatus.State.SENT));
        assertThat(agentPeer.ofType("receipt")).isEmpty();
        answer.complete(new SendOutcome.Sent("wamid.out", null));
        hub.status("default", status("wamid.out", DeliveryStatus.State.DELIVERED));

        assertThat(agentPeer.ofType("receipt"))
                .extracting(f -> f.path("status").asText() + "@" + f.path("seq").asLong())
                .containsExactly("sent@2", "delivered@2");
        assertThat(events.stream().filter(InteractionEvent.class::isInstance))
                .map(e -> ((InteractionEvent) e).type())
                .containsExactly(
                        InteractionType.CHAT_MESSAGE,
                        InteractionType.CHAT_MESSAGE,
                        InteractionType.DELIVERY_RECEIPT,
                        InteractionType.DELIVERY_RECEIPT);
        // A status of a message the gateway never sent goes nowhere.
        hub.status("default", status("wamid.other", DeliveryStatus.State.READ));
        assertThat(agentPeer.ofType("receipt")).hasSize(2);
    }

    private static DeliveryStatus status(String messageId, DeliveryStatus.State state) {
        return new DeliveryStatus(
                Provider.WHATSAPP, messageId, "34600000001", state, 1_000_000L, null);
    }

    @Test
    void aTransferMovesTheConversationToTheNewAgent() {
        ConversationHub.Started.Ok ok = start();
        accept(ok.conversationId(), "1001");
        hub.agentJoined(agent, agentPeer);
        RecordingPeer secondPeer = new RecordingPeer();
        Caller second = Caller.of("2002", "default", Role.AGENT);
        hub.agentJoined(second, secondPeer);
        accept(ok.conversationId(), "2002");
        assertThat(agentPeer.ofType("closed").get(0).path("by").asText()).isEqualTo("TRANSFER");
        assertThat(secondPeer.ofType("conversation")).hasSize(1);
        assertThat(visitor.ofType("agent_left")).hasSize(1);
        assertThat(visitor.ofType("agent_joined")).hasSize(2);
        assertThat(contactEvents()).containsOnlyOnce(ContactEventType.ANSWERED);
        hub.agentSend(agent, agentPeer, ok.conversationId(), "a-x", "still mine?", null);
        assertThat(agentPeer.ofType("error").get(0).path("code").asText())
                .isEqualTo("unknown-conversation");
    }
}
