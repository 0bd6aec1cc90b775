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
 * @param lifetimeValue expected value of the next 12 months in {@code valueCurrency} (ClickHouse
 *     {@code customer_value.clv_12m} of the customer's latest day); null when the conversion job
 *     has not valued the customer, or ClickHouse could not say in time
 * @param segment the customer's RFM segment, e.g. {@code Champions}; null likewise
 * @param candidates when the number matched several customers: all of them, nothing linked
 * @param rfm the RFM quintile scores behind the segment, e.g. {@code 545}; null likewise (added
 *     after the first fields, so clients that do not know it ignore it)
 * @param valueCurrency the currency of {@code lifetimeValue}, e.g. {@code EUR}; null likewise
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
        List<Candidate> candidates,
        @Nullable String rfm,
        @Nullable String valueCurrency) {

    public CustomerCard {
        openLeads = List.copyOf(openLeads);
        lastContacts = List.copyOf(lastContacts);
        candidates = List.copyOf(candidates);
    }

    /** Only the id: what the agent gets when the customer store does not answer in time. */
    public static CustomerCard idOnly(String customerId) {
        return new CustomerCard(
                customerId, null, null, List.of(), List.of(), null, null, List.of(), null, null);
    }

    /** A card of these fields with no value or segment (yet). */
    public static CustomerCard of(
            @Nullable String customerId,
            @Nullable String displayName,
            @Nullable String tier,
            List<OpenLead> openLeads,
            List<RecentContact> lastContacts,
            List<Candidate> candidates) {
        return new CustomerCard(
                customerId,
                displayName,
                tier,
                openLeads,
                lastContacts,
                null,
                null,
                candidates,
                null,
                null);
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
                candidates,
                rfm,
                valueCurrency);
    }

    /** The same card with the customer's value and segment. */
    public CustomerCard withValue(CustomerValues.Value value) {
        return new CustomerCard(
                customerId,
                displayName,
                tier,
                openLeads,
                lastContacts,
                value.lifetimeValue(),
                value.segment(),
                candidates,
                value.rfm(),
                value.lifetimeValue() == null ? null : value.currency());
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
