package io.ringstream.testkit.traffic;

import io.ringstream.sentiment.agents.AgentScores;
import io.ringstream.sentiment.agents.AgentSentimentDay;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A seeded contact center's traffic, day by day, into the raw and derived tables the dashboards and
 * the wallboard read: agents work 8-hour shifts (three a day) on two member queues, take contacts
 * one after another (ring, talk, sometimes hold, wrap-up), take a break, now and then let an offer
 * time out; callers who are not answered abandon. Every derived row (queue_kpis, routing decisions,
 * SLA events, sentiment) comes from the same contacts, so the tables agree; {@code
 * agent_sentiment_days} is computed from the generated {@code conversation_sentiment} rows by the
 * sentiment job's own {@link AgentSentimentDay}. A conversation's turns never pass its day's end
 * (they stop at the cut-off), so no generated conversation has turns on two days. The commercial
 * tables (customers, business events, the sales funnel, customer values) hang off the handled
 * contacts too: see {@link CommerceGenerator}.
 *
 * <p>Not a queueing simulation: a contact's wait is drawn, not the result of the queue's load. The
 * same spec always gives the same rows (one {@link SplittableRandom} per day, from the seed).
 */
public final class TrafficGenerator {
    private static final String SOURCE = "traffic-generator";
    private static final String[] WHY_NOT = {
        "busy on VOICE",
        "busy on CHAT",
        "wrap-up",
        "not ready",
        "billing 2 < 4",
        "does not speak es",
        "refused this contact"
    };
    private static final String[][] DEAD_LETTER_KINDS = {
        {"malformed JSON", "flink:routing", "KAFKA", "ringstream.contact-events"},
        {"unknown tenant", "routing-service", "HTTP", ""},
        {"missing queue", "flink:sla", "KAFKA", "ringstream.contact-events"},
        {"unsupported event type", "telephony-bridge", "AMI", ""},
        {"late event", "flink:sentiment", "KAFKA", "ringstream.utterances"},
        {"webhook: bad signature", "channel-gateway", "HTTP", ""}
    };

    private final TrafficSpec spec;
    private final List<String> queues;
    private final List<String> agents;

    public TrafficGenerator(TrafficSpec spec) {
        this.spec = spec;
        this.queues = spec.queueNames();
        this.agents = spec.agentIds();
    }

    /**
     * Writes every day's rows to {@code sink}, calling {@link TrafficSink#dayDone()} after each.
     */
    public void generate(TrafficSink sink) {
        // Fresh per generation: the booking history customer values are scored on.
        CommerceGenerator commerce = new CommerceGenerator(spec);
        // Per UTC date: the agent_sentiment_days accumulator, until no later turn can fall on it.
        TreeMap<LocalDate, AgentSentimentDay> sentimentDays = new TreeMap<>();
        for (int d = 0; d < spec.days(); d++) {
            long dayStart = spec.start().plus(Duration.ofDays(d)).toEpochMilli();
            if (dayStart >= spec.cutoff().toEpochMilli()) {
                break;
            }
            new Day(sink, d, dayStart, commerce.day(d, dayStart), sentimentDays).run();
            // The next generation day's turns start at its start: earlier dates are complete.
            LocalDate next = utcDate(dayStart + Duration.ofDays(1).toMillis());
            while (!sentimentDays.isEmpty() && sentimentDays.firstKey().isBefore(next)) {
                var e = sentimentDays.pollFirstEntry();
                agentSentimentDays(sink, e.getKey(), e.getValue());
            }
            sink.dayDone();
        }
        sentimentDays.forEach((date, day) -> agentSentimentDays(sink, date, day));
        if (!sentimentDays.isEmpty()) {
            sink.dayDone();
        }
    }

    /**
     * A UTC date's agent_sentiment_days rows, one per agent with a scored conversation, as the
     * sentiment job writes them once the date has closed (version: the date's end, or the cut-off).
     */
    private void agentSentimentDays(TrafficSink sink, LocalDate date, AgentSentimentDay day) {
        long asOf =
                Math.min(
                        date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(),
                        spec.cutoff().toEpochMilli());
        var agents = ((AgentSentimentDay.MemoryStore) day.store()).agents();
        for (var e : agents.entrySet()) {
            AgentScores scores = e.getValue();
            sink.row(
                    TrafficTable.AGENT_SENTIMENT_DAYS,
                    new Object[] {
                        spec.tenant(),
                        date,
                        e.getKey(),
                        scores.conversations(),
                        scores.customerSum(),
                        scores.customerMean(),
                        asOf,
                        asOf,
                        Instant.ofEpochMilli(asOf)
                    });
        }
    }

    private static LocalDate utcDate(long t) {
        return Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** One day's generation: its random stream, cut-off and KPI buckets live only this long. */
    private final class Day {
        private final TrafficSink sink;
        private final int index;
        private final long dayStart;
        private final long dayEnd;
        private final long cutoff;
        private final boolean open;
        private final SplittableRandom random;
        private final KpiWindows kpis;
        private final CommerceGenerator.Day commerce;
        private final TreeMap<LocalDate, AgentSentimentDay> sentimentDays;
        private int contacts;

        Day(
                TrafficSink sink,
                int index,
                long dayStart,
                CommerceGenerator.Day commerce,
                TreeMap<LocalDate, AgentSentimentDay> sentimentDays) {
            this.commerce = commerce;
            this.sentimentDays = sentimentDays;
            this.sink = sink;
            this.index = index;
            this.dayStart = dayStart;
            this.dayEnd = dayStart + Duration.ofDays(1).toMillis();
            this.cutoff = Math.min(dayEnd, spec.cutoff().toEpochMilli());
            // The last day, cut off: work runs on past the cut-off instead of ending in time.
            this.open = cutoff < dayEnd || index == spec.days() - 1;
            this.random = new SplittableRandom(spec.seed() * 1_000_003L + index);
            this.kpis = new KpiWindows(spec.tenant(), queues, dayStart, cutoff);
        }

        void run() {
            int[] answeredPerQueue = new int[queues.size()];
            for (int i = 0; i < agents.size(); i++) {
                agentShift(i, answeredPerQueue);
            }
            for (int q = 0; q < queues.size(); q++) {
                int n = Math.max(3, answeredPerQueue[q] / 15);
                for (int k = 0; k < n; k++) {
                    abandonedContact(
                            queues.get(q),
                            dayStart + (long) (random.nextDouble() * (cutoff - dayStart)),
                            null);
                }
            }
            for (int k = 0; k < 24; k++) {
                deadLetter(k);
            }
            commerce.emit(sink);
            kpis.emit(sink);
        }

        // ------------------------------------------------------------------ agents

        private void agentShift(int i, int[] answeredPerQueue) {
            String agent = agents.get(i);
            int shift = i % 3;
            long start = dayStart + shift * 8 * 3_600_000L + (i % 7) * 60_000L;
            long end = dayStart + (shift + 1) * 8 * 3_600_000L - (1 + i % 5) * 60_000L;
            if (open && shift == 2) {
                // The shift on at the cut-off: still logged in, mid-contact, as on a live system.
                end = dayEnd + 3_600_000L;
            }
            String primary = queues.get(i % queues.size());
            String secondary = queues.get((i + 1) % queues.size());
            String overflow = queues.size() > 2 ? queues.get((i + 2) % queues.size()) : null;
            List<String> member =
                    primary.equals(secondary) ? List.of(primary) : List.of(primary, secondary);
            Presence presence = new Presence(agent, member);
            for (String q : member) {
                agentEvent(agent, "LOGGED_IN", start, q, "", presence);
            }
            long t = start + 1_000;
            agentEvent(agent, "READY", t, "", "", presence);
            boolean tookBreak = false;
            while (t < Math.min(end, cutoff)) {
                t += 10_000 + (long) (random.nextDouble() * 90_000);
                if (!tookBreak && t > start + 4 * 3_600_000L) {
                    tookBreak = true;
                    agentEvent(agent, "NOT_READY", t, "", "break", presence);
                    t += 15 * 60_000L;
                    agentEvent(agent, "READY", t, "", "", presence);
                    continue;
                }
                double pick = random.nextDouble();
                if (pick < 0.03) {
                    // An offer the agent lets time out: the caller gives up meanwhile.
                    long queued = Math.max(dayStart, t - 5_000);
                    long offered = t;
                    abandonedContact(primary, queued, new Miss(agent, offered));
                    agentEvent(
                            agent, "NOT_READY", offered + 15_000, "", "not responding", presence);
                    t = offered + 75_000;
                    agentEvent(agent, "READY", t, "", "", presence);
                    continue;
                }
                String queue =
                        pick < 0.78
                                ? primary
                                : pick < 0.95 || overflow == null ? secondary : overflow;
                boolean overflowed = queue.equals(overflow);
                boolean chat = random.nextDouble() < 0.2;
                long wait = Math.min(240_000, (long) (-Math.log(1 - random.nextDouble()) * 15_000));
                long talk = (chat ? 180_000 : 90_000) + (long) (random.nextDouble() * 420_000);
                long hold =
                        random.nextDouble() < 0.25
                                ? 20_000 + (long) (random.nextDouble() * 70_000)
                                : 0;
                long wrap = 15_000 + (long) (random.nextDouble() * 75_000);
                long answered = t;
                long wrapEnd = answered + talk + hold + wrap;
                if (!open && wrapEnd >= end - 1_000) {
                    break;
                }
                if (!open && wrapEnd >= dayEnd) {
                    break;
                }
                answeredPerQueue[queues.indexOf(queue)]++;
                handledContact(
                        agent,
                        queue,
                        chat,
                        Math.max(dayStart, answered - wait),
                        answered,
                        talk,
                        hold,
                        wrap,
                        overflowed,
                        presence);
                t = wrapEnd;
            }
            if (!open || t < dayEnd - 60_000) {
                long out = Math.max(t, end) + 1_000;
                if (out < dayEnd) {
                    agentEvent(agent, "LOGGED_OUT", out, "", "", presence);
                }
            }
            presence.close();
        }

        /** The agent's presence segments, fed to the KPI buckets as states change. */
        private final class Presence {
            final String agent;
            final List<String> member;
            String state;
            long since;

            Presence(String agent, List<String> member) {
                this.agent = agent;
                this.member = member;
            }

            void change(String next, long at) {
                if (at >= cutoff) {
                    return;
                }
                if (state != null) {
                    member.forEach(q -> kpis.presence(q, state, since, at));
                }
                state = next;
                since = at;
            }

            void close() {
                if (state != null) {
                    member.forEach(q -> kpis.presence(q, state, since, Long.MAX_VALUE));
                    state = null;
                }
            }
        }

        private void agentEvent(
                String agent, String type, long t, String queue, String reason, Presence presence) {
            if (t >= cutoff) {
                return;
            }
            switch (type) {
                case "LOGGED_IN" -> {
                    if (presence.state == null) {
                        presence.change("READY", t);
                    }
                }
                case "LOGGED_OUT" -> {
                    presence.change(presence.state, t);
                    presence.state = null;
                }
                default -> presence.change(type, t);
            }
            sink.row(
                    TrafficTable.AGENT_EVENTS,
                    new Object[] {
                        agent + "-" + t + "-" + type + "-" + queue,
                        spec.tenant(),
                        agent,
                        type,
                        date(t),
                        Instant.ofEpochMilli(t),
                        t,
                        SOURCE,
                        queue,
                        reason,
                        type.equals("LOGGED_IN") ? "{\"" + queue + "\":4}" : "",
                        "{}"
                    });
        }

        // ------------------------------------------------------------------ contacts

        private record Miss(String agent, long offeredAt) {}

        private String nextContactId() {
            return String.format("c-%d-%06d", index, ++contacts);
        }

        private void handledContact(
                String agent,
                String queue,
                boolean chat,
                long queued,
                long answered,
                long talk,
                long hold,
                long wrap,
                boolean overflowed,
                Presence presence) {
            String contact = nextContactId();
            String channel = chat ? "CHAT" : "VOICE";
            String customer = commerce.customerFor("cust-" + random.nextInt(5_000), answered);
            long wait = answered - queued;
            long ring = Math.min(wait, chat ? 2_000 : 3_000 + random.nextInt(5_000));
            long offered = answered - ring;
            Contact c = new Contact(contact, channel, customer);
            c.event("ARRIVED", Math.max(dayStart, queued - 2_000), "", "", null, null, "");
            c.event("QUEUED", queued, queue, "", null, null, "");
            c.event("OFFERED", offered, queue, agent, null, null, "");
            decision(contact, queue, agent, offered, wait, overflowed);
            agentEvent(agent, "BUSY", answered, "", "", presence);
            c.event("ANSWERED", answered, queue, agent, wait, null, "");
            commerce.handled(
                    new CommerceGenerator.Handled(
                            contact, contact + "-" + c.seq, customer, channel, agent, answered));
            kpis.waited(queue, queued, answered < cutoff ? answered : Long.MAX_VALUE);
            slaAnswerClock(contact, channel, queue, queued, answered, false);
            long talkEnd = answered + talk + hold;
            if (hold > 0) {
                long held = answered + talk / 3;
                c.event("HELD", held, queue, agent, null, null, "");
                c.event("RESUMED", held + hold, queue, agent, null, null, "");
                if (held + hold < cutoff) {
                    kpis.contactFact("HOLD", queue, held + hold, null, hold);
                }
                if (hold > 60_000) {
                    sla(
                            contact,
                            "BREACH",
                            "HOLD",
                            channel,
                            queue,
                            agent,
                            held + 60_000,
                            held,
                            60_000,
                            "",
                            0);
                }
            }
            c.event("TALK_ENDED", talkEnd, queue, agent, null, talk, "");
            agentEvent(agent, "WRAP_UP", talkEnd, "", "", presence);
            c.event("ENDED", talkEnd, queue, agent, null, null, "");
            c.event("WRAPUP_ENDED", talkEnd + wrap, queue, agent, null, wrap, "");
            agentEvent(agent, "READY", talkEnd + wrap, "", "", presence);
            if (random.nextDouble() < 0.6) {
                sentiment(contact, channel, queue, agent, answered, talk + hold);
            }
        }

        private void abandonedContact(String queue, long queued, Miss miss) {
            String contact = nextContactId();
            Contact c = new Contact(contact, "VOICE", "cust-" + random.nextInt(5_000));
            long wait =
                    miss != null
                            ? miss.offeredAt() - queued + 20_000
                            : 1_000 + (long) (random.nextDouble() * 150_000);
            long left = queued + wait;
            if (left >= dayEnd) {
                return;
            }
            c.event("ARRIVED", Math.max(dayStart, queued - 2_000), "", "", null, null, "");
            c.event("QUEUED", queued, queue, "", null, null, "");
            if (miss != null) {
                c.event("OFFERED", miss.offeredAt(), queue, miss.agent(), null, null, "");
                decision(
                        contact,
                        queue,
                        miss.agent(),
                        miss.offeredAt(),
                        miss.offeredAt() - queued,
                        false);
                c.event(
                        "OFFER_TIMED_OUT",
                        miss.offeredAt() + 15_000,
                        queue,
                        miss.agent(),
                        null,
                        null,
                        "timeout");
            }
            c.event("ABANDONED", left, queue, "", wait, null, "caller hung up");
            kpis.waited(queue, queued, left < cutoff ? left : Long.MAX_VALUE);
            slaAnswerClock(contact, "VOICE", queue, queued, left, true);
        }

        /** A contact's events, written and counted unless after the cut-off. */
        private final class Contact {
            final String id;
            final String channel;
            final String customer;
            int seq;

            Contact(String id, String channel, String customer) {
                this.id = id;
                this.channel = channel;
                this.customer = customer;
            }

            void event(
                    String type,
                    long t,
                    String queue,
                    String agent,
                    Long waitMs,
                    Long durationMs,
                    String reason) {
                seq++;
                if (t >= cutoff) {
                    return;
                }
                if (!queue.isEmpty()) {
                    kpis.contactFact(type, queue, t, waitMs, durationMs);
                }
                sink.row(
                        TrafficTable.CONTACT_EVENTS,
                        new Object[] {
                            id + "-" + seq,
                            spec.tenant(),
                            id,
                            type,
                            channel,
                            date(t),
                            Instant.ofEpochMilli(t),
                            t,
                            SOURCE,
                            queue,
                            agent,
                            customer,
                            waitMs,
                            durationMs,
                            reason,
                            "{}"
                        });
            }
        }

        // ------------------------------------------------------------------ derived rows

        private void decision(
                String contact,
                String queue,
                String agent,
                long at,
                long wait,
                boolean overflowed) {
            if (at >= cutoff) {
                return;
            }
            int step = overflowed ? 3 : wait < 30_000 ? 1 : wait < 60_000 ? 2 : 3;
            String stepText =
                    switch (step) {
                        case 1 -> "step 1 (proficiency >= 4): ";
                        case 2 -> "step 2 (contact's minimums): ";
                        default -> "step 3 (any agent): ";
                    };
            double fit = 3 + random.nextInt(200) / 100.0;
            StringBuilder candidates = new StringBuilder("[");
            candidates.append(candidate(agent, fit, null));
            int eligible = 1 + random.nextInt(3);
            for (int k = 1; k < eligible; k++) {
                candidates
                        .append(',')
                        .append(
                                candidate(
                                        agents.get(random.nextInt(agents.size())),
                                        fit - k * 0.25,
                                        null));
            }
            int ineligible = 1 + random.nextInt(3);
            for (int k = 0; k < ineligible; k++) {
                candidates
                        .append(',')
                        .append(
                                candidate(
                                        agents.get(random.nextInt(agents.size())),
                                        0,
                                        WHY_NOT[random.nextInt(WHY_NOT.length)]));
            }
            candidates.append(']');
            sink.row(
                    TrafficTable.ROUTING_DECISIONS,
                    new Object[] {
                        "d-" + contact + "-" + at,
                        spec.tenant(),
                        date(at),
                        Instant.ofEpochMilli(at),
                        at,
                        contact,
                        queue,
                        agent,
                        "o-" + contact + "-" + at,
                        step,
                        "BEST_FIT",
                        stepText
                                + String.format(
                                        Locale.ROOT,
                                        "best fit %.2f, idle %d s",
                                        fit,
                                        10 + random.nextInt(80)),
                        eligible + ineligible,
                        eligible,
                        candidates.toString()
                    });
        }

        private static String candidate(String agent, double score, String whyNot) {
            return "{\"agentId\":\""
                    + agent
                    + "\",\"score\":"
                    + String.format(Locale.ROOT, "%.2f", score)
                    + ",\"eligible\":"
                    + (whyNot == null)
                    + ",\"whyNot\":"
                    + (whyNot == null ? "null" : "\"" + whyNot + "\"")
                    + "}";
        }

        /**
         * The ANSWER clock of a queued contact: warning at 16 s, breach at 20 s, met or cancelled.
         */
        private void slaAnswerClock(
                String contact,
                String channel,
                String queue,
                long queued,
                long left,
                boolean abandoned) {
            long threshold = KpiWindows.THRESHOLD_MS;
            long waited = left - queued;
            if (waited > threshold * 8 / 10) {
                sla(
                        contact,
                        "WARNING",
                        "ANSWER",
                        channel,
                        queue,
                        "",
                        queued + threshold * 8 / 10,
                        queued,
                        threshold,
                        "",
                        0);
            }
            if (waited > threshold) {
                sla(
                        contact,
                        "BREACH",
                        "ANSWER",
                        channel,
                        queue,
                        "",
                        queued + threshold,
                        queued,
                        threshold,
                        "",
                        0);
            }
            if (abandoned) {
                sla(
                        contact,
                        "CANCELLED",
                        "ANSWER",
                        channel,
                        queue,
                        "",
                        left,
                        queued,
                        threshold,
                        "abandoned",
                        waited < KpiWindows.SHORT_ABANDON_MS ? 1 : 0);
            } else if (waited <= threshold) {
                sla(contact, "MET", "ANSWER", channel, queue, "", left, queued, threshold, "", 0);
            }
        }

        private void sla(
                String contact,
                String type,
                String kind,
                String channel,
                String queue,
                String agent,
                long at,
                long started,
                long threshold,
                String reason,
                int shortAbandon) {
            if (at >= cutoff) {
                return;
            }
            sink.row(
                    TrafficTable.SLA_EVENTS,
                    new Object[] {
                        "sla-" + contact + "-" + kind + "-" + type,
                        spec.tenant(),
                        type,
                        kind,
                        "clock-" + contact + "-" + kind,
                        "default-" + channel.toLowerCase(Locale.ROOT),
                        "CONTACT",
                        contact,
                        contact,
                        agent,
                        queue,
                        channel,
                        date(at),
                        Instant.ofEpochMilli(at),
                        at,
                        started,
                        threshold,
                        at - started,
                        reason,
                        shortAbandon
                    });
        }

        /**
         * Four scored turns (fewer when the cut-off or UTC midnight comes first); one conversation
         * in twelve turns negative and raises an alert.
         */
        private void sentiment(
                String contact,
                String channel,
                String queue,
                String agent,
                long answered,
                long length) {
            boolean souring = random.nextInt(12) == 0;
            double rolling = souring ? 0.1 : -0.2 + random.nextDouble();
            Double customerRolling = null;
            int customerTurn = 0;
            boolean alerted = false;
            // A conversation's turns stop at the UTC midnight after it was answered: no
            // conversation
            // has turns on two dates, so agent_sentiment_days (counted per date) and the
            // per-conversation definition agree on generated data (docs/dashboards.md).
            long midnight = Math.floorDiv(answered, 86_400_000L) * 86_400_000L + 86_400_000L;
            for (int turn = 1; turn <= 4; turn++) {
                long t = answered + length * turn / 5;
                if (t >= cutoff || t >= midnight) {
                    return;
                }
                boolean customer = turn % 2 == 1;
                double score =
                        souring && customer
                                ? -0.7
                                : Math.max(
                                        -1, Math.min(1, rolling + random.nextDouble() * 0.4 - 0.2));
                String eventId = "u-" + contact + "-" + turn;
                String text =
                        customer
                                ? (score < -0.3
                                        ? "this is useless, I want to cancel"
                                        : "thanks, that helps")
                                : "let me check that for you";
                if (customer) {
                    customerTurn++;
                    customerRolling =
                            customerRolling == null ? score : (customerRolling + score) / 2;
                }
                boolean alerting = customerRolling != null && customerRolling < -0.5;
                sink.row(
                        TrafficTable.UTTERANCE_SENTIMENT,
                        new Object[] {
                            eventId,
                            spec.tenant(),
                            contact,
                            channel,
                            "UTTERANCE",
                            customer ? "CUSTOMER" : "AGENT",
                            date(t),
                            Instant.ofEpochMilli(t),
                            t,
                            SOURCE,
                            "en",
                            1,
                            "generator",
                            score,
                            score < -0.3 ? "NEGATIVE" : score > 0.3 ? "POSITIVE" : "NEUTRAL",
                            text
                        });
                sentimentDays
                        .computeIfAbsent(date(t), d -> AgentSentimentDay.inMemory())
                        .apply(contact, turn, agent, customerRolling);
                sink.row(
                        TrafficTable.CONVERSATION_SENTIMENT,
                        new Object[] {
                            spec.tenant(),
                            contact,
                            turn,
                            eventId,
                            customer ? "CUSTOMER" : "AGENT",
                            date(t),
                            Instant.ofEpochMilli(t),
                            t,
                            customerTurn,
                            score,
                            customerRolling,
                            souring ? -0.3 : 0.0,
                            alerting ? 1 : 0,
                            "en",
                            queue,
                            agent
                        });
                if (alerting && !alerted) {
                    alerted = true;
                    sink.row(
                            TrafficTable.SENTIMENT_ALERTS,
                            new Object[] {
                                "al-" + contact + "-1",
                                spec.tenant(),
                                contact,
                                1,
                                "THRESHOLD",
                                customerRolling < -0.65 ? "CRITICAL" : "WARNING",
                                date(t),
                                Instant.ofEpochMilli(t),
                                t,
                                turn,
                                customerTurn,
                                customerRolling,
                                -0.5,
                                text,
                                queue,
                                agent,
                                "customer turning negative"
                            });
                }
            }
        }

        private void deadLetter(int k) {
            String[] kind = DEAD_LETTER_KINDS[random.nextInt(DEAD_LETTER_KINDS.length)];
            long t = dayStart + (long) (random.nextDouble() * (cutoff - dayStart));
            boolean kafka = kind[2].equals("KAFKA");
            sink.row(
                    TrafficTable.DEAD_LETTERS,
                    new Object[] {
                        kind[0],
                        kind[1],
                        kind[2],
                        kind[3],
                        kafka ? random.nextInt(3) : -1,
                        kafka ? (long) index * 1_000 + k : -1L,
                        "{\"tenant\":\"" + spec.tenant() + "\",\"sample\":" + k + "}",
                        Instant.ofEpochMilli(t),
                        t
                    });
        }

        private LocalDate date(long t) {
            return Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).toLocalDate();
        }
    }
}
