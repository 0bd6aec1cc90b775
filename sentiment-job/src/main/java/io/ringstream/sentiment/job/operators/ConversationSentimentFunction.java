package io.ringstream.sentiment.job.operators;

import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.flink.kit.state.CleanupTimer;
import io.ringstream.sentiment.job.ConversationPoint;
import io.ringstream.sentiment.job.ScoredUtterance;
import io.ringstream.sentiment.job.SentimentAlert;
import io.ringstream.sentiment.rolling.AlertDecision;
import io.ringstream.sentiment.rolling.AlertPolicy;
import io.ringstream.sentiment.rolling.ConversationState;
import io.ringstream.sentiment.rolling.RollingSentiment;
import io.ringstream.sentiment.rolling.Turn;
import io.ringstream.sentiment.rolling.TurnResult;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps each conversation's {@link ConversationState} in Flink state and applies {@link
 * RollingSentiment} to its scored utterances: emits a timeline point per utterance and, on the
 * {@link #ALERTS} side output, an alert when an episode opens. Contact events (second input) tell
 * it the contact's queue and agent, which alerts carry, and when the contact ended.
 *
 * <p>State lifetime, one event-time timer per conversation, moved by every input:
 *
 * <ul>
 *   <li>after the contact's ENDED: at {@code max(ENDED, latest event time) + lingerAfterEnd}, so
 *       transcript segments that arrive after the hang-up still count;
 *   <li>otherwise at latest event time + {@code inactivityTimeout} (chats that are never closed, a
 *       lost ENDED).
 * </ul>
 *
 * A contact event for a conversation never seen creates state only when it names a queue or agent
 * (QUEUED, OFFERED, ANSWERED, TRANSFERRED); an ENDED alone does not.
 */
public class ConversationSentimentFunction
        extends KeyedCoProcessFunction<String, ScoredUtterance, ContactEvent, ConversationPoint> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<SentimentAlert> ALERTS =
            new OutputTag<>("sentiment-alerts", TypeInformation.of(SentimentAlert.class));

    private final AlertPolicy policy;
    private final long lingerMillis;
    private final long inactivityMillis;

    private transient RollingSentiment rolling;
    private transient ValueState<ConversationState> conversation;
    private transient CleanupTimer cleanup;

    public ConversationSentimentFunction(
            AlertPolicy policy, Duration lingerAfterEnd, Duration inactivityTimeout) {
        this.policy = policy;
        this.lingerMillis = lingerAfterEnd.toMillis();
        this.inactivityMillis = inactivityTimeout.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        rolling = new RollingSentiment(policy);
        conversation =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "conversation",
                                        TypeInformation.of(ConversationState.class)));
        cleanup = CleanupTimer.open(getRuntimeContext(), "cleanup-at");
    }

    @Override
    public void processElement1(ScoredUtterance u, Context ctx, Collector<ConversationPoint> out)
            throws Exception {
        ConversationState state = conversation.value();
        if (state == null) {
            state = new ConversationState();
        }
        TurnResult result =
                rolling.apply(state, new Turn(u.eventId(), u.speaker(), u.eventTime(), u.score()));
        if (result.duplicate()) {
            return;
        }
        if (u.language() != null) {
            state.language = u.language();
        }
        var p = result.point();
        long now = System.currentTimeMillis();
        out.collect(
                new ConversationPoint(
                        u.tenant(),
                        u.contactId(),
                        p.turn(),
                        u.eventId(),
                        p.speaker(),
                        u.eventTime(),
                        p.customerTurn(),
                        p.score(),
                        p.conversationRolling(),
                        p.customerRolling(),
                        p.agentRolling(),
                        p.customerTrend(),
                        p.alerting(),
                        u.language(),
                        state.queue,
                        state.agentId,
                        now));
        AlertDecision alert = result.alert();
        if (alert != null) {
            ctx.output(ALERTS, toAlert(u, alert, state, now));
        }
        conversation.update(state);
        scheduleCleanup(state, ctx);
    }

    private SentimentAlert toAlert(
            ScoredUtterance u, AlertDecision d, ConversationState state, long now) {
        String trigger = d.trigger().name();
        return new SentimentAlert(
                SentimentAlert.alertId(u.tenant(), u.contactId(), d.episode()),
                u.tenant(),
                u.contactId(),
                d.episode(),
                trigger,
                d.critical() ? "CRITICAL" : "WARNING",
                u.eventTime(),
                d.turn(),
                d.customerTurn(),
                d.customerRolling(),
                d.drop(),
                policy.threshold(),
                d.trend(),
                u.eventId(),
                u.text(),
                u.language(),
                u.model(),
                state.queue,
                state.agentId,
                SentimentAlert.message(
                        trigger,
                        d.customerRolling(),
                        policy.threshold(),
                        d.drop(),
                        policy.dropTurns()),
                now);
    }

    @Override
    public void processElement2(ContactEvent e, Context ctx, Collector<ConversationPoint> out)
            throws Exception {
        ConversationState state = conversation.value();
        ContactEventType type = e.type();
        // An expression, not a statement: a new event type does not compile until it is placed.
        boolean namesRouting =
                switch (type) {
                    case QUEUED, OFFERED, ANSWERED, TRANSFERRED -> true;
                    case ARRIVED,
                                    IDENTIFIED,
                                    OFFER_REJECTED,
                                    OFFER_TIMED_OUT,
                                    HELD,
                                    RESUMED,
                                    ABANDONED,
                                    DEQUEUED,
                                    TALK_ENDED,
                                    ENDED,
                                    WRAPUP_ENDED ->
                            false;
                };
        if (state == null) {
            if (!namesRouting) {
                return; // nothing to remember and nothing to clean up
            }
            state = new ConversationState();
        }
        if (e.queue() != null && !e.queue().isBlank()) {
            state.queue = e.queue();
        }
        if (type == ContactEventType.ANSWERED && e.agentId() != null) {
            state.agentId = e.agentId();
        }
        if (type == ContactEventType.ENDED) {
            state.endedAt = e.eventTime();
        }
        state.lastEventTime = Math.max(state.lastEventTime, e.eventTime());
        conversation.update(state);
        scheduleCleanup(state, ctx);
    }

    private void scheduleCleanup(ConversationState state, Context ctx) throws Exception {
        long at =
                state.endedAt != null
                        ? Math.max(state.endedAt, state.lastEventTime) + lingerMillis
                        : state.lastEventTime + inactivityMillis;
        cleanup.moveTo(at, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ConversationPoint> out)
            throws Exception {
        if (cleanup.firesAt(timestamp)) {
            conversation.clear();
            cleanup.clear();
        }
    }
}
