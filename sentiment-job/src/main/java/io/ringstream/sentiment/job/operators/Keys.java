package io.ringstream.sentiment.job.operators;

import io.ringstream.events.ContactEvent;
import io.ringstream.events.InteractionEvent;
import io.ringstream.sentiment.job.ConversationPoint;
import io.ringstream.sentiment.job.ScoredUtterance;

/**
 * The key conversations are partitioned by, the same for utterances and contact events: contact ids
 * are unique per tenant only.
 */
public final class Keys {
    private Keys() {}

    public static String of(String tenant, String contactId) {
        return tenant + '\u001f' + contactId;
    }

    public static String of(InteractionEvent e) {
        return of(e.tenant(), e.contactId());
    }

    public static String of(ScoredUtterance u) {
        return of(u.tenant(), u.contactId());
    }

    public static String of(ContactEvent e) {
        return of(e.tenant(), e.contactId());
    }

    /**
     * The key of a tenant's UTC day ({@code agent_sentiment_days}): the tenant and the day's first
     * millisecond.
     */
    public static String ofDay(ConversationPoint p) {
        return p.tenant() + '\u001f' + AgentSentimentDayFunction.dayStart(p.eventTime());
    }

    public static String tenantOfDay(String dayKey) {
        return dayKey.substring(0, dayKey.lastIndexOf('\u001f'));
    }

    public static long dayStartOfDay(String dayKey) {
        return Long.parseLong(dayKey.substring(dayKey.lastIndexOf('\u001f') + 1));
    }
}
