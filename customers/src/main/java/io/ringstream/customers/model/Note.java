package io.ringstream.customers.model;

import java.time.Instant;

/**
 * Something an agent wrote down about a customer, optionally about one of its leads. Notes are
 * never edited: a correction is another note, so the timeline shows what agents knew when.
 *
 * @param leadId the lead it is about, if any
 * @param author the agent who wrote it
 */
public record Note(
        NoteId id,
        String tenant,
        CustomerId customerId,
        LeadId leadId,
        String author,
        String body,
        Instant createdAt) {

    public static final int MAX_BODY = 10_000;

    public Note {
        Violations v = new Violations();
        v.require(id, "id")
                .require(tenant, "tenant")
                .maxLength(tenant, Customer.MAX_TENANT, "tenant");
        v.require(customerId, "customerId");
        author = Fields.optional(author);
        v.require(author, "author").maxLength(author, Customer.MAX_AGENT, "author");
        body = Fields.optional(body);
        v.require(body, "body").maxLength(body, MAX_BODY, "body");
        v.require(createdAt, "createdAt");
        v.throwIfAny("note");
    }

    /** The same note, on another customer of its tenant (a merge moves it). */
    public Note withCustomer(CustomerId customer) {
        return new Note(id, tenant, customer, leadId, author, body, createdAt);
    }
}
