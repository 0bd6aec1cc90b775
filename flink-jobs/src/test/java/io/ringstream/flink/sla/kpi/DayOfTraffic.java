package io.ringstream.flink.sla.kpi;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.AgentEventType;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.EventIds;
import io.ringstream.events.RingstreamEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded day of contact-center traffic for several queues: arrivals following a daytime profile,
 * answers and abandons (short ones too), re-queues, holds (one left open at hang-up), wrap-ups,
 * waits the PBX does not report, duplicate deliveries; agents logging in and out of queues,
 * changing state per queue and, for one agent on two queues, globally. Everything ends within the
 * day, so every KPI window is closed.
 */
public final class DayOfTraffic {
    private static final long S = 1_000;
    private static final long MIN = 60 * S;
    private static final long HOUR = 60 * MIN;

    public final List<ContactEvent> contacts = new ArrayList<>();
    public final List<AgentEvent> agents = new ArrayList<>();

    /** Contact events and agent events in the order they are published (nearly event time). */
    public final List<Object> publishOrder = new ArrayList<>();

    private final String tenant;
    private final long day;
    private final Random rng;

    /**
     * @param day start of the day, epoch millis (UTC midnight)
     * @param contactsPerQueue arrivals per voice queue over the day (chat gets half)
     */
    public DayOfTraffic(String tenant, long day, long seed, int contactsPerQueue) {
        this.tenant = tenant;
        this.day = day;
        this.rng = new Random(seed);
        voiceQueue("sales", "support", contactsPerQueue);
        voiceQueue("support", "sales", contactsPerQueue);
        chatQueue("chat", contactsPerQueue / 2);
        for (String queue : List.of("sales", "support", "chat")) {
            for (int i = 1; i <= 3; i++) {
                queueAgent(queue + "-agent-" + i, queue);
            }
        }
        sharedAgent("shared-agent", "sales", "support");
        duplicates();
        order();
    }

    private void voiceQueue(String queue, String other, int count) {
        for (int i = 0; i < count; i++) {
            long arrival = arrivalTime();
            String id = queue + "-" + i;
            Map<String, String> attrs = rng.nextInt(10) == 0 ? Map.of("priority", "2") : Map.of();
            contact(
                    id,
                    ContactEventType.ARRIVED,
                    arrival,
                    Channel.VOICE,
                    null,
                    null,
                    null,
                    null,
                    attrs);
            long queuedAt = arrival + 200 + rng.nextInt(1_800);
            contact(
                    id,
                    ContactEventType.QUEUED,
                    queuedAt,
                    Channel.VOICE,
                    queue,
                    null,
                    null,
                    null,
                    attrs);
            String servedIn = queue;
            long waitStart = queuedAt;
            if (rng.nextInt(100) < 3) {
                // Re-queued to the other queue before an answer.
                long moved = queuedAt + 5 * S + rng.nextInt(20_000);
                contact(
                        id,
                        ContactEventType.QUEUED,
                        moved,
                        Channel.VOICE,
                        other,
                        null,
                        null,
                        null,
                        attrs);
                servedIn = other;
                waitStart = moved;
            }
            int outcome = rng.nextInt(100);
            if (outcome < 15) {
                long wait = (long) exponential(40 * S);
                long at = waitStart + wait;
                contact(
                        id,
                        ContactEventType.ABANDONED,
                        at,
                        Channel.VOICE,
                        servedIn,
                        null,
                        rng.nextInt(10) == 0 ? null : wait,
                        null,
                        null);
                contact(
                        id,
                        ContactEventType.DEQUEUED,
                        at + 1,
                        Channel.VOICE,
                        servedIn,
                        null,
                        null,
                        null,
                        null);
                contact(
                        id,
                        ContactEventType.ENDED,
                        at + 5,
                        Channel.VOICE,
                        null,
                        null,
                        null,
                        null,
                        null);
                continue;
            }
            answeredLife(id, Channel.VOICE, servedIn, waitStart, 15 * S, 180 * S);
        }
    }

    private void chatQueue(String queue, int count) {
        for (int i = 0; i < count; i++) {
            long arrival = arrivalTime();
            String id = queue + "-" + i;
            contact(
                    id,
                    ContactEventType.ARRIVED,
                    arrival,
                    Channel.CHAT,
                    null,
                    null,
                    null,
                    null,
                    null);
            long queuedAt = arrival + 100;
            contact(
                    id,
                    ContactEventType.QUEUED,
                    queuedAt,
                    Channel.CHAT,
                    queue,
                    null,
                    null,
                    null,
                    null);
            if (rng.nextInt(100) < 10) {
                long wait = (long) exponential(60 * S);
                contact(
                        id,
                        ContactEventType.ABANDONED,
                        queuedAt + wait,
                        Channel.CHAT,
                        queue,
                        null,
                        wait,
                        null,
                        null);
                contact(
                        id,
                        ContactEventType.ENDED,
                        queuedAt + wait + 3,
                        Channel.CHAT,
                        null,
                        null,
                        null,
                        null,
                        null);
                continue;
            }
            answeredLife(id, Channel.CHAT, queue, queuedAt, 30 * S, 400 * S);
        }
    }

    private void answeredLife(
            String id, Channel channel, String queue, long queuedAt, long meanWait, long meanTalk) {
        String agent = queue + "-agent-" + (1 + rng.nextInt(3));
        long wait = (long) exponential(meanWait);
        long answeredAt = queuedAt + wait;
        contact(
                id,
                ContactEventType.OFFERED,
                answeredAt - Math.min(wait, 500),
                channel,
                queue,
                agent,
                null,
                null,
                null);
        // Asterisk reports leaving the queue before the connect.
        contact(id, ContactEventType.DEQUEUED, answeredAt, channel, queue, null, null, null, null);
        contact(
                id,
                ContactEventType.ANSWERED,
                answeredAt,
                channel,
                queue,
                agent,
                rng.nextInt(10) == 0 ? null : wait,
                null,
                null);
        long talk = 20 * S + (long) exponential(meanTalk);
        long talkEnd = answeredAt + talk;
        int holds = rng.nextInt(100) < 30 ? 1 : rng.nextInt(100) < 15 ? 2 : 0;
        long cursor = answeredAt + 5 * S;
        for (int h = 0; h < holds; h++) {
            long start = cursor + rng.nextInt(10_000);
            long length = 5 * S + rng.nextInt(150_000);
            if (start + length + S >= talkEnd) {
                break;
            }
            contact(id, ContactEventType.HELD, start, channel, null, null, null, null, null);
            boolean hangsUpOnHold = h == holds - 1 && rng.nextInt(100) < 10;
            if (hangsUpOnHold) {
                talkEnd = start + length;
                break;
            }
            contact(
                    id,
                    ContactEventType.RESUMED,
                    start + length,
                    channel,
                    null,
                    null,
                    null,
                    null,
                    null);
            cursor = start + length + S;
        }
        contact(
                id,
                ContactEventType.TALK_ENDED,
                talkEnd,
                channel,
                rng.nextInt(5) == 0 ? queue : null,
                agent,
                null,
                talkEnd - answeredAt,
                null);
        contact(id, ContactEventType.ENDED, talkEnd + 2, channel, null, null, null, null, null);
        if (rng.nextInt(100) < 70) {
            long wrap = 10 * S + rng.nextInt(80_000);
            contact(
                    id,
                    ContactEventType.WRAPUP_ENDED,
                    talkEnd + wrap,
                    channel,
                    null,
                    agent,
                    null,
                    wrap,
                    null);
        }
    }

    /** An agent of one queue: a morning shift, an evening shift for some. */
    private void queueAgent(String agentId, String queue) {
        shift(agentId, queue, day + 7 * HOUR + rng.nextInt(3_600_000), day + 13 * HOUR);
        shift(
                agentId,
                queue,
                day + 13 * HOUR + 30 * MIN + rng.nextInt(600_000),
                day + 19 * HOUR + rng.nextInt(3_600_000));
        if (rng.nextBoolean()) {
            shift(agentId, queue, day + 20 * HOUR, day + 23 * HOUR + 30 * MIN);
        }
    }

    private void shift(String agentId, String queue, long from, long to) {
        agent(agentId, AgentEventType.LOGGED_IN, from, queue);
        long t = from + S;
        while (t < to - 10 * MIN) {
            agent(agentId, randomState(), t, queue);
            if (rng.nextInt(40) == 0) {
                agent(agentId, AgentEventType.SKILLS_CHANGED, t + 1, null);
            }
            t += 30 * S + rng.nextInt(9 * 60_000);
        }
        agent(agentId, AgentEventType.LOGGED_OUT, to, queue);
    }

    /** One agent on two queues who reports states without a queue (an agent desktop). */
    private void sharedAgent(String agentId, String first, String second) {
        long t = day + 8 * HOUR;
        agent(agentId, AgentEventType.LOGGED_IN, t, first);
        agent(agentId, AgentEventType.LOGGED_IN, t + 1, second);
        long leaveSecond = day + 14 * HOUR;
        long end = day + 18 * HOUR;
        t += MIN;
        boolean leftSecond = false;
        while (t < end) {
            if (!leftSecond && t > leaveSecond) {
                agent(agentId, AgentEventType.LOGGED_OUT, t, second);
                leftSecond = true;
                t += S;
            }
            agent(agentId, randomState(), t, null);
            t += 30 * S + rng.nextInt(9 * 60_000);
        }
        agent(agentId, AgentEventType.LOGGED_OUT, end, null);
    }

    private AgentEventType randomState() {
        int r = rng.nextInt(100);
        return r < 40
                ? AgentEventType.BUSY
                : r < 65
                        ? AgentEventType.READY
                        : r < 85 ? AgentEventType.WRAP_UP : AgentEventType.NOT_READY;
    }

    /** Arrivals between 06:00 and 22:30, busiest around 11:00 and 15:00. */
    private long arrivalTime() {
        while (true) {
            long t = 6 * HOUR + (long) (rng.nextDouble() * 16.5 * HOUR);
            double hour = t / (double) HOUR;
            double weight =
                    0.3
                            + Math.exp(-Math.pow(hour - 11, 2) / 4)
                            + Math.exp(-Math.pow(hour - 15, 2) / 6);
            if (rng.nextDouble() * 1.4 < weight) {
                return day + t;
            }
        }
    }

    private double exponential(double mean) {
        return -mean * Math.log(1 - rng.nextDouble());
    }

    private void contact(
            String id,
            ContactEventType type,
            long at,
            Channel channel,
            String queue,
            String agentId,
            Long wait,
            Long duration,
            Map<String, String> attributes) {
        contacts.add(
                ContactEvent.builder(type, id)
                        .tenant(tenant)
                        .eventId(
                                EventIds.of(
                                        tenant,
                                        id,
                                        type.name(),
                                        Long.toString(at),
                                        String.valueOf(queue)))
                        .eventTime(at)
                        .channel(channel)
                        .source("day-of-traffic")
                        .queue(queue)
                        .agentId(agentId)
                        .waitMillis(wait)
                        .durationMillis(duration)
                        .attributes(attributes)
                        .build());
    }

    private void agent(String agentId, AgentEventType type, long at, String queue) {
        agents.add(
                new AgentEvent(
                        RingstreamEvent.CURRENT_SCHEMA_VERSION,
                        EventIds.of(
                                tenant,
                                agentId,
                                type.name(),
                                Long.toString(at),
                                String.valueOf(queue)),
                        type,
                        tenant,
                        agentId,
                        at,
                        "day-of-traffic",
                        queue,
                        type == AgentEventType.NOT_READY ? "break" : null,
                        type == AgentEventType.SKILLS_CHANGED ? Map.of("billing", 3) : Map.of(),
                        Map.of()));
    }

    /** About 1% of events are delivered twice (a producer retry). */
    private void duplicates() {
        int n = contacts.size();
        for (int i = 0; i < n / 100; i++) {
            contacts.add(contacts.get(rng.nextInt(n)));
        }
    }

    /** Publish in event-time order with up to 2 s of jitter: out of order, within 5 s. */
    private void order() {
        record Keyed(long key, Object event) {}
        List<Keyed> all = new ArrayList<>();
        for (ContactEvent e : contacts) {
            all.add(new Keyed(e.eventTime() + rng.nextInt(2_000), e));
        }
        for (AgentEvent e : agents) {
            all.add(new Keyed(e.eventTime() + rng.nextInt(2_000), e));
        }
        all.sort(Comparator.comparingLong(Keyed::key));
        all.forEach(k -> publishOrder.add(k.event()));
    }

    /** The end of the last event: every KPI window ending by then is final. */
    public long lastEventTime() {
        long last = 0;
        for (ContactEvent e : contacts) {
            last = Math.max(last, e.eventTime());
        }
        for (AgentEvent e : agents) {
            last = Math.max(last, e.eventTime());
        }
        return last;
    }
}
