package io.ringstream.pbxsim.traffic;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.AgentEventType;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.EventIds;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.InteractionType;
import io.ringstream.events.Speaker;
import io.ringstream.events.Tenants;
import io.ringstream.pbxsim.traffic.ChatPhrases.Mood;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * One simulated chat queue: Poisson chats with a customer mood, agents handling several chats at
 * once (capacity), offers accepted after a few seconds, patience-driven abandons, breaks and
 * log-outs. Emits Ringstream events directly (chat has no PBX). State lives as long as the model.
 */
final class ChatQueue {
    private static final String SOURCE = "simulator";
    private static final String[] BREAK_REASONS = {"Break", "Lunch", "Training", "Coaching"};

    private enum State {
        AVAILABLE,
        PAUSED,
        OFFLINE
    }

    private static final class ChatAgent {
        final String id;
        final String name;
        State state = State.OFFLINE;
        int active;
        long lastAssigned;

        ChatAgent(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    private static final class Chat {
        final String contactId;
        final Mood mood;
        long queuedAt;
        long answeredAt;
        int messages;
        Scheduler.Handle abandonTimer;
        Scheduler.Handle acceptTimer;
        ChatAgent agent;

        Chat(String contactId, Mood mood) {
            this.contactId = contactId;
            this.mood = mood;
        }
    }

    private final QueueProfile profile;
    private final SimulationConfig config;
    private final Scheduler clock;
    private final Random rng;
    private final Consumer<Emission> out;
    private final String runId;
    private final List<ChatAgent> agents = new ArrayList<>();
    private final List<Chat> waiting = new ArrayList<>();
    private int contactSeq;

    ChatQueue(
            QueueProfile profile,
            int queueIndex,
            SimulationConfig config,
            Scheduler clock,
            Random rng,
            Consumer<Emission> out) {
        this.profile = profile;
        this.config = config;
        this.clock = clock;
        this.rng = rng;
        this.out = out;
        // Contact ids carry the run's start second so separate runs never share ids.
        this.runId = Long.toString(clock.now() / 1_000_000L);
        for (int k = 0; k < profile.agents(); k++) {
            String name = AgentNames.name(queueIndex, k);
            agents.add(
                    new ChatAgent(
                            "webchat/"
                                    + name.toLowerCase(Locale.ROOT).replace(' ', '-')
                                    + "-"
                                    + queueIndex,
                            name));
        }
    }

    void start() {
        for (int k = 0; k < agents.size(); k++) {
            ChatAgent a = agents.get(k);
            clock.after(k, () -> login(a));
        }
        scheduleArrival();
    }

    private void scheduleArrival() {
        clock.after(
                Distributions.exponential(rng, 3600.0 / profile.arrivalsPerHour()), this::arrive);
    }

    private void arrive() {
        double m = rng.nextDouble();
        Mood mood = m < 0.3 ? Mood.HAPPY : m < 0.8 ? Mood.NEUTRAL : Mood.ANGRY;
        Chat chat = new Chat("chat-" + runId + "-" + profile.name() + "-" + (++contactSeq), mood);
        contact(ContactEventType.ARRIVED, chat).attributes(Map.of("mood", mood.name())).emit();
        message(chat, Speaker.BOT, ChatPhrases.BOT_GREETING);
        clock.after(Distributions.exponential(rng, 8), () -> join(chat));
        scheduleArrival();
    }

    private void join(Chat chat) {
        message(chat, Speaker.CUSTOMER, Distributions.pick(rng, ChatPhrases.openers(chat.mood)));
        chat.queuedAt = clock.now();
        contact(ContactEventType.QUEUED, chat).emit();
        waiting.add(chat);
        chat.abandonTimer =
                clock.after(
                        Distributions.exponential(rng, profile.meanPatienceSeconds()),
                        () -> abandon(chat));
        dispatch();
    }

    /** Offers waiting chats to the available agent with the fewest chats, longest unassigned. */
    private void dispatch() {
        for (Chat chat : List.copyOf(waiting)) {
            if (chat.agent != null) {
                continue;
            }
            ChatAgent best = null;
            for (ChatAgent a : agents) {
                if (a.state != State.AVAILABLE || a.active >= profile.chatCapacity()) {
                    continue;
                }
                if (best == null
                        || a.active < best.active
                        || (a.active == best.active && a.lastAssigned < best.lastAssigned)) {
                    best = a;
                }
            }
            if (best == null) {
                return;
            }
            offer(chat, best);
        }
    }

    private void offer(Chat chat, ChatAgent a) {
        chat.agent = a;
        a.active++;
        a.lastAssigned = clock.now();
        contact(ContactEventType.OFFERED, chat).agentId(a.id).emit();
        chat.acceptTimer = clock.after(Distributions.uniform(rng, 2, 6), () -> answer(chat));
    }

    private void answer(Chat chat) {
        ChatAgent a = chat.agent;
        chat.abandonTimer.cancel();
        waiting.remove(chat);
        chat.answeredAt = clock.now();
        contact(ContactEventType.ANSWERED, chat)
                .agentId(a.id)
                .waitMillis((chat.answeredAt - chat.queuedAt) / 1_000L)
                .emit();
        contact(ContactEventType.DEQUEUED, chat).emit();
        if (a.active == profile.chatCapacity()) {
            agent(AgentEventType.BUSY, a, null);
        }
        message(
                chat,
                Speaker.AGENT,
                String.format(Distributions.pick(rng, ChatPhrases.AGENT_GREETINGS), a.name));
        double length =
                Distributions.logNormal(rng, profile.meanHandleSeconds(), profile.handleSigma());
        int turns = (int) Math.max(2, Math.min(12, length / 45));
        for (int t = 1; t <= turns; t++) {
            boolean customer = t % 2 == 1;
            clock.after(length * t / (turns + 1), () -> turn(chat, customer));
        }
        clock.after(Math.max(1, length), () -> close(chat));
    }

    private void turn(Chat chat, boolean customer) {
        if (customer) {
            message(
                    chat,
                    Speaker.CUSTOMER,
                    Distributions.pick(rng, ChatPhrases.followUps(chat.mood)));
        } else {
            message(chat, Speaker.AGENT, Distributions.pick(rng, ChatPhrases.AGENT_LINES));
        }
    }

    private void close(Chat chat) {
        ChatAgent a = chat.agent;
        message(chat, Speaker.AGENT, Distributions.pick(rng, ChatPhrases.AGENT_CLOSERS));
        message(chat, Speaker.CUSTOMER, Distributions.pick(rng, ChatPhrases.closers(chat.mood)));
        contact(ContactEventType.TALK_ENDED, chat)
                .agentId(a.id)
                .durationMillis((clock.now() - chat.answeredAt) / 1_000L)
                .emit();
        boolean byCustomer = rng.nextBoolean();
        contact(ContactEventType.ENDED, chat)
                .agentId(a.id)
                .reason(byCustomer ? "closed by customer" : "closed by agent")
                .emit();
        boolean wasFull = a.active == profile.chatCapacity();
        a.active--;
        if (wasFull && a.state == State.AVAILABLE) {
            agent(AgentEventType.READY, a, null);
        }
        dispatch();
    }

    private void abandon(Chat chat) {
        if (chat.agent != null) {
            // The offer is withdrawn; the agent's reserved slot is free again.
            chat.acceptTimer.cancel();
            chat.agent.active--;
            chat.agent = null;
        }
        waiting.remove(chat);
        contact(ContactEventType.ABANDONED, chat)
                .waitMillis((clock.now() - chat.queuedAt) / 1_000L)
                .reason("customer left")
                .emit();
        contact(ContactEventType.DEQUEUED, chat).emit();
        contact(ContactEventType.ENDED, chat).reason("customer left").emit();
        dispatch();
    }

    private void login(ChatAgent a) {
        agent(AgentEventType.LOGGED_IN, a, null);
        agent(AgentEventType.READY, a, null);
        a.state = State.AVAILABLE;
        scheduleBreak(a);
        dispatch();
    }

    private void scheduleBreak(ChatAgent a) {
        clock.after(
                Distributions.exponential(rng, 3600.0 / config.pauseRatePerAgentHour()),
                () -> takeBreak(a));
    }

    /** Only an agent without chats goes on break; otherwise it tries again a little later. */
    private void takeBreak(ChatAgent a) {
        if (a.state != State.AVAILABLE || a.active > 0) {
            clock.after(30, () -> takeBreak(a));
            return;
        }
        double length = Distributions.exponential(rng, config.meanPauseSeconds());
        if (rng.nextDouble() < config.logoutShare()) {
            agent(AgentEventType.LOGGED_OUT, a, null);
            a.state = State.OFFLINE;
            clock.after(length, () -> login(a));
            return;
        }
        agent(AgentEventType.NOT_READY, a, Distributions.pick(rng, BREAK_REASONS));
        a.state = State.PAUSED;
        clock.after(
                length,
                () -> {
                    agent(AgentEventType.READY, a, null);
                    a.state = State.AVAILABLE;
                    dispatch();
                });
        scheduleBreak(a);
    }

    private void agent(AgentEventType type, ChatAgent a, String reason) {
        long now = clock.now();
        String id = EventIds.of(SOURCE, a.id, type.name(), Long.toString(now));
        out.accept(
                new Emission.AgentState(
                        now,
                        AgentEvent.of(
                                id, type, a.id, now / 1_000L, SOURCE, profile.name(), reason)));
    }

    private void message(Chat chat, Speaker speaker, String text) {
        long now = clock.now();
        int seq = ++chat.messages;
        InteractionEvent event =
                new InteractionEvent(
                        1,
                        EventIds.of(SOURCE, chat.contactId, "message", Integer.toString(seq)),
                        InteractionType.CHAT_MESSAGE,
                        Tenants.DEFAULT,
                        chat.contactId,
                        Channel.CHAT,
                        now / 1_000L,
                        SOURCE,
                        speaker,
                        text,
                        "en",
                        Map.of("seq", Integer.toString(seq)));
        out.accept(new Emission.Interaction(now, event));
    }

    /** A contact event of this chat at the current instant, ready to be completed and emitted. */
    private PendingContact contact(ContactEventType type, Chat chat) {
        return new PendingContact(type, chat);
    }

    /** Builder wrapper that derives the event id from what identifies the step, then emits. */
    private final class PendingContact {
        private final ContactEvent.Builder builder;
        private final ContactEventType type;
        private final Chat chat;
        private String agentId = "";

        PendingContact(ContactEventType type, Chat chat) {
            this.type = type;
            this.chat = chat;
            this.builder =
                    ContactEvent.builder(type, chat.contactId)
                            .channel(Channel.CHAT)
                            .eventTime(clock.now() / 1_000L)
                            .source(SOURCE)
                            .queue(profile.name());
        }

        PendingContact agentId(String id) {
            agentId = id;
            builder.agentId(id);
            return this;
        }

        PendingContact waitMillis(long millis) {
            builder.waitMillis(millis);
            return this;
        }

        PendingContact durationMillis(long millis) {
            builder.durationMillis(millis);
            return this;
        }

        PendingContact reason(String reason) {
            builder.reason(reason);
            return this;
        }

        PendingContact attributes(Map<String, String> attributes) {
            builder.attributes(attributes);
            return this;
        }

        void emit() {
            long now = clock.now();
            builder.eventId(
                    EventIds.of(SOURCE, chat.contactId, type.name(), agentId, Long.toString(now)));
            out.accept(new Emission.Contact(now, builder.build()));
        }
    }
}
