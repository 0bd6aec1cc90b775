package io.ringstream.sentiment.job.operators;

import io.ringstream.events.ContactEvent;
import io.ringstream.events.InteractionEvent;
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
}
