package io.ringstream.routing.screenpop;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.List;

/**
 * The screen-pop: what the agent sees about the caller with an OFFERED assignment, read from
 * PostgreSQL (customer, open leads, candidates) and ClickHouse (recent contacts, their sentiment).
 *
 * @param customerId the caller's customer (a merged one's survivor); null when the number matched
 *     several customers, who are then the {@code candidates}
 * @param openLeads leads in NEW, CONTACTED, QUALIFIED or QUOTED, newest first
 * @param lastContacts the customer's last 3 contacts before this one, newest first; empty when
 *     ClickHouse could not say in time
 * @param lifetimeValue null until the funnels and value issue computes it
 * @param segment null until the funnels and value issue computes it
 * @param candidates when the number matched several customers: all of them, nothing linked
 */
@Serdeable
public record CustomerCard(
        @Nullable String customerId,
        @Nullable String displayName,
        @Nullable String tier,
        List<OpenLead> openLeads,
        List<RecentContact> lastContacts,
        @Nullable BigDecimal lifetimeValue,
        @Nullable String segment,
        List<Candidate> candidates) {

    public CustomerCard {
        openLeads = List.copyOf(openLeads);
        lastContacts = List.copyOf(lastContacts);
        candidates = List.copyOf(candidates);
    }

    /** Only the id: what the agent gets when the customer store does not answer in time. */
    public static CustomerCard idOnly(String customerId) {
        return new CustomerCard(
                customerId, null, null, List.of(), List.of(), null, null, List.of());
    }

    /** The same card with these recent contacts. */
    public CustomerCard withLastContacts(List<RecentContact> contacts) {
        return new CustomerCard(
                customerId,
                displayName,
                tier,
                openLeads,
                contacts,
                lifetimeValue,
                segment,
                candidates);
    }

    /** An open lead: its stage and what it is worth. */
    @Serdeable
    public record OpenLead(
            String leadId, String stage, @Nullable BigDecimal value, @Nullable String currency) {}

    /** One of several customers holding the caller's number. */
    @Serdeable
    public record Candidate(
            String customerId, @Nullable String displayName, @Nullable String tier) {}

    /**
     * An earlier contact of the customer.
     *
     * @param startedAt its first event, epoch milliseconds
     * @param waitMs time in queue until answered or abandoned; null when neither happened
     * @param talkMs talk time; null before talk ended
     * @param outcome {@code ANSWERED}, {@code ABANDONED}, {@code ENDED} (ended unanswered) or
     *     {@code IN_PROGRESS}
     * @param averageSentiment the customer's mean utterance score, -1..1; null when none was scored
     * @param lastSentiment the customer's rolling score at the end; null when none was scored
     */
    @Serdeable
    public record RecentContact(
            String contactId,
            String channel,
            @Nullable String queue,
            @Nullable String agentId,
            long startedAt,
            @Nullable Long waitMs,
            @Nullable Long talkMs,
            String outcome,
            @Nullable Double averageSentiment,
            @Nullable Double lastSentiment) {}
}
