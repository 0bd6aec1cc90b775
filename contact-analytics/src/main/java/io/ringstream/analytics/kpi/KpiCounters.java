package io.ringstream.analytics.kpi;

/**
 * Additive KPI counters of one queue over one stretch of event time (a minute, or the interval so
 * far). Rows add minutes up; ratios are computed only when a row is built, so windows of any length
 * stay exact. A mutable POJO for Flink's POJO serializer.
 */
public class KpiCounters {
    public long offered;
    public long answered;

    /** Answered with wait <= the queue's threshold. */
    public long answeredWithin;

    public long abandoned;

    /** Abandoned with wait < the short-abandon threshold. */
    public long shortAbandoned;

    /** Abandoned, not short, with wait <= the threshold (left-queue convention). */
    public long abandonedWithin;

    /** Summed wait of answered contacts. */
    public long totalWaitMs;

    /** Longest wait of an answered or abandoned contact. */
    public long maxWaitMs;

    /** Conversations that ended (TALK_ENDED). */
    public long handled;

    public long talkMs;
    public long holds;
    public long holdMs;
    public long wrapUps;
    public long wrapUpMs;

    /** Agent time by presence, summed over the queue's member agents. */
    public long readyMs;

    public long notReadyMs;
    public long busyMs;
    public long agentWrapUpMs;

    /** Contact time spent waiting in the queue, summed over contacts. */
    public long waitingMs;

    public KpiCounters() {}

    public void add(KpiCounters o) {
        offered += o.offered;
        answered += o.answered;
        answeredWithin += o.answeredWithin;
        abandoned += o.abandoned;
        shortAbandoned += o.shortAbandoned;
        abandonedWithin += o.abandonedWithin;
        totalWaitMs += o.totalWaitMs;
        maxWaitMs = Math.max(maxWaitMs, o.maxWaitMs);
        handled += o.handled;
        talkMs += o.talkMs;
        holds += o.holds;
        holdMs += o.holdMs;
        wrapUps += o.wrapUps;
        wrapUpMs += o.wrapUpMs;
        readyMs += o.readyMs;
        notReadyMs += o.notReadyMs;
        busyMs += o.busyMs;
        agentWrapUpMs += o.agentWrapUpMs;
        waitingMs += o.waitingMs;
    }

    public long loggedInMs() {
        return readyMs + notReadyMs + busyMs + agentWrapUpMs;
    }

    /** Anything at all happened: a contact fact, an agent logged in, or a contact waiting. */
    public boolean active() {
        return offered + answered + abandoned + handled + holds + wrapUps > 0
                || loggedInMs() > 0
                || waitingMs > 0;
    }

    void addAgentTime(AgentPresence presence, long ms) {
        switch (presence) {
            case READY -> readyMs += ms;
            case NOT_READY -> notReadyMs += ms;
            case BUSY -> busyMs += ms;
            case WRAP_UP -> agentWrapUpMs += ms;
            case OUT -> {
                // Not a member: not the queue's time.
            }
        }
    }
}
