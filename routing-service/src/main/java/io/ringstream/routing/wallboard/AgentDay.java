package io.ringstream.routing.wallboard;

import java.util.List;

/**
 * One agent's day so far from its raw events: contact counters from {@code contact_events} and
 * presence time from its ordered {@code agent_events}. The timeline may start before the day: those
 * events only set the state the agent is in at {@code dayStartMillis} (an agent busy across
 * midnight is busy from 00:00), and only time from the day start counts. The last state runs until
 * {@code nowMillis}. LOGGED_IN counts as READY (as docs/kpis.md's agent_presence_segments);
 * LOGGED_OUT ends presence; SKILLS_CHANGED changes no state. AHT is (talk + hold + wrap-up) ÷ talks
 * ended, the queues' convention (docs/kpis.md).
 */
public record AgentDay(
        String agentId,
        long answered,
        long talksEnded,
        long talkMillis,
        long holdMillis,
        long wrapUpMillis,
        List<String> stateTypes,
        List<Long> stateTimes) {

    public KpiFigures.AgentToday today(long dayStartMillis, long nowMillis, Double sentiment) {
        long ready = 0;
        long working = 0;
        String state = null;
        long since = 0;
        for (int i = 0; i <= stateTypes.size(); i++) {
            boolean end = i == stateTypes.size();
            String type = end ? null : stateTypes.get(i);
            if (!end && "SKILLS_CHANGED".equals(type)) {
                continue;
            }
            long at = end ? Math.max(nowMillis, since) : stateTimes.get(i);
            long spent = state == null ? 0 : Math.max(0, at - Math.max(since, dayStartMillis));
            if ("READY".equals(state)) {
                ready += spent;
            } else if ("BUSY".equals(state) || "WRAP_UP".equals(state)) {
                working += spent;
            }
            if (!end) {
                state =
                        switch (type) {
                            case "LOGGED_IN" -> "READY";
                            case "LOGGED_OUT" -> null;
                            default -> type;
                        };
                since = at;
            }
        }
        return new KpiFigures.AgentToday(
                agentId,
                answered,
                QueueCounters.seconds(talkMillis + holdMillis + wrapUpMillis, talksEnded),
                QueueCounters.ratio(working, working + ready),
                sentiment);
    }
}
