package io.ringstream.routing.leads;

import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import io.ringstream.customers.model.CustomerId;
import io.ringstream.customers.model.Lead;
import io.ringstream.customers.model.LeadId;
import io.ringstream.customers.model.ModelViolationException;
import io.ringstream.customers.model.Note;
import io.ringstream.customers.model.NoteId;
import io.ringstream.routing.customers.CustomerResolver;
import io.ringstream.routing.web.Requests;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Agents' notes on a customer: added (never edited) and read newest first, a page at a time.
 *
 * <p>No {@code CustomerChange} NOTE_ADDED event is published yet: that event carries the whole
 * customer snapshot, which the customer store builds; a note is on the timeline from this table.
 */
@Singleton
@Requires(beans = DataSource.class)
public class NoteService {
    public static final int DEFAULT_PAGE = 20;
    public static final int MAX_PAGE = 100;

    private final TransactionOperations<Connection> transactions;
    private final CustomerResolver resolver;
    private final CustomerLocks customers;
    private final LeadStore leads;
    private final NoteStore notes;

    public NoteService(
            TransactionOperations<Connection> transactions,
            CustomerResolver resolver,
            CustomerLocks customers,
            LeadStore leads,
            NoteStore notes) {
        this.transactions = transactions;
        this.resolver = resolver;
        this.customers = customers;
        this.leads = leads;
        this.notes = notes;
    }

    /**
     * Adds a note by {@code author} to the customer {@code customerId} names (following redirects).
     */
    public Note add(String tenant, UUID customerId, NoteRequest body, String author) {
        if (body == null) {
            throw Requests.invalid("a body is required");
        }
        UUID leadId = null;
        if (body.leadId() != null && !body.leadId().isBlank()) {
            leadId =
                    LeadProblems.uuid(body.leadId())
                            .orElseThrow(() -> LeadProblems.leadNotFound(body.leadId()));
        }
        Note draft = valid(tenant, customerId, leadId, body.body(), author);
        UUID lead = leadId;
        return transactions.executeWrite(
                status -> {
                    // The lock keeps a merge from deleting the customer under the insert.
                    UUID live =
                            customers
                                    .lockLive(tenant, customerId)
                                    .orElseThrow(() -> LeadProblems.customerNotFound(customerId));
                    if (lead != null) {
                        Lead about =
                                leads.find(tenant, lead)
                                        .orElseThrow(() -> LeadProblems.leadNotFound(lead));
                        if (!about.customerId().value().equals(live)) {
                            throw LeadProblems.leadOfAnotherCustomer(lead, live);
                        }
                    }
                    Note note = draft.withCustomer(new CustomerId(live));
                    notes.insert(note);
                    return note;
                });
    }

    /** A page of the customer's notes, newest first. */
    public NotePage page(String tenant, UUID customerId, String cursor, Integer limit) {
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw Requests.invalid("limit must be 1.." + MAX_PAGE);
        }
        NoteCursor after = cursor == null || cursor.isBlank() ? null : NoteCursor.decode(cursor);
        return transactions.executeRead(
                status -> {
                    UUID live =
                            resolver.resolveId(tenant, customerId)
                                    .orElseThrow(() -> LeadProblems.customerNotFound(customerId));
                    // One more than asked: whether there is a next page, without a count.
                    List<Note> found = notes.page(tenant, live, after, size + 1);
                    List<Note> page = found.subList(0, Math.min(size, found.size()));
                    String next = null;
                    if (found.size() > size) {
                        Note last = page.get(page.size() - 1);
                        next = new NoteCursor(last.createdAt(), last.id().value()).encode();
                    }
                    return new NotePage(page.stream().map(NoteView::of).toList(), next);
                });
    }

    private static Note valid(
            String tenant, UUID customerId, UUID leadId, String body, String author) {
        try {
            return new Note(
                    NoteId.random(),
                    tenant,
                    new CustomerId(customerId),
                    leadId == null ? null : new LeadId(leadId),
                    author,
                    body,
                    Sql.now());
        } catch (ModelViolationException e) {
            throw Requests.invalid(e.violations());
        }
    }
}
