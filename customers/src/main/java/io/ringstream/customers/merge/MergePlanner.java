package io.ringstream.customers.merge;

import io.ringstream.customers.identity.Identity;
import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.customers.model.Customer;
import io.ringstream.customers.model.Lead;
import io.ringstream.customers.model.ModelViolationException;
import io.ringstream.customers.model.Note;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Plans the merge of two customers found to be one person, as a pure function: the same request
 * always gives the same plan, and nothing is written here. The user chooses the survivor; the
 * planner never picks one.
 *
 * <p>The rules:
 *
 * <ul>
 *   <li><b>Single values</b> (display name, preferred language, tier, owner agent): the survivor's
 *       wins when it has one; otherwise the merged customer's fills the gap. Every merged value
 *       that lost is kept in the audit's {@code discarded}.
 *   <li><b>Tags</b>: the union.
 *   <li><b>Attributes</b>: the union; where both have a name with different values, the survivor's
 *       value wins and the merged one goes to {@code discarded} as {@code attributes.<name>}.
 *   <li><b>Consents</b>, per flag: a refusal on either wins, then a grant on either, else unknown
 *       ({@link io.ringstream.customers.model.Consents#mergedWith}). The one exception to "the
 *       survivor wins": an opt-out given on either record is honoured.
 *   <li><b>Created</b>: the earlier of the two, the day the person became a customer; updated: the
 *       merge time. Id, tenant and version stay the survivor's.
 *   <li><b>Identities</b> move to the survivor. One the survivor holds already is not moved (its
 *       copy stays, verified if either was). A moved identity stays primary only when the survivor
 *       has no primary of its kind, so each kind keeps at most one primary.
 *   <li><b>Leads and notes</b> move to the survivor unchanged otherwise.
 *   <li>The merged id becomes a {@link Redirect} to the survivor.
 * </ul>
 *
 * <p>Refused ({@link MergeRefusedException}): a customer into itself, across tenants, a merged
 * customer that is already a redirect, a survivor that is one, a lead or note that is not the
 * merged customer's, and a result over the model's limits.
 */
public final class MergePlanner {
    private MergePlanner() {}

    public static MergePlan plan(MergeRequest request) {
        Customer survivor = request.survivor();
        Customer merged = request.merged();
        refuseImpossible(request);

        Map<String, String> discarded = new TreeMap<>();
        Customer.Builder after = survivor.toBuilder();
        after.displayName(
                pick("displayName", survivor.displayName(), merged.displayName(), discarded));
        after.preferredLanguage(
                pick(
                        "preferredLanguage",
                        survivor.preferredLanguage(),
                        merged.preferredLanguage(),
                        discarded));
        after.tier(pick("tier", survivor.tier(), merged.tier(), discarded));
        after.ownerAgent(pick("ownerAgent", survivor.ownerAgent(), merged.ownerAgent(), discarded));
        after.consents(survivor.consents().mergedWith(merged.consents()));
        Set<String> tags = new TreeSet<>(survivor.tags());
        tags.addAll(merged.tags());
        after.tags(tags);
        Map<String, String> attributes = new TreeMap<>(merged.attributes());
        survivor.attributes()
                .forEach(
                        (name, value) -> {
                            String lost = attributes.put(name, value);
                            if (lost != null && !lost.equals(value)) {
                                discarded.put("attributes." + name, lost);
                            }
                        });
        after.attributes(attributes);
        after.createdAt(
                survivor.createdAt().isBefore(merged.createdAt())
                        ? survivor.createdAt()
                        : merged.createdAt());
        after.updatedAt(request.at());
        Customer survivorAfter;
        try {
            survivorAfter = after.build();
        } catch (ModelViolationException e) {
            throw new MergeRefusedException(
                    MergeRefusal.LIMIT_EXCEEDED,
                    "the merged customer would break the model's rules: "
                            + String.join("; ", e.violations()));
        }

        Map<String, Identity> held = new LinkedHashMap<>();
        Set<IdentityKind> primaryKinds = EnumSet.noneOf(IdentityKind.class);
        for (Identity identity : request.survivorIdentities()) {
            held.putIfAbsent(identity.key(), identity);
            if (identity.primary()) {
                primaryKinds.add(identity.kind());
            }
        }
        List<Identity> toMove = new ArrayList<>();
        List<Identity> duplicates = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Identity identity : request.mergedIdentities()) {
            if (!seen.add(identity.key())) {
                continue;
            }
            Identity own = held.get(identity.key());
            if (own != null) {
                duplicates.add(identity);
                held.put(identity.key(), own.withVerified(own.verified() || identity.verified()));
                continue;
            }
            boolean primary = identity.primary() && primaryKinds.add(identity.kind());
            Identity moved = identity.withPrimary(primary);
            toMove.add(moved);
            held.put(moved.key(), moved);
        }

        List<Lead> leads =
                request.mergedLeads().stream().map(l -> l.withCustomer(survivor.id())).toList();
        List<Note> notes =
                request.mergedNotes().stream().map(n -> n.withCustomer(survivor.id())).toList();
        Redirect redirect =
                new Redirect(survivor.tenant(), merged.id(), survivor.id(), request.at());
        MergeAudit audit =
                new MergeAudit(
                        survivor.tenant(),
                        survivor.id(),
                        merged.id(),
                        request.actor(),
                        request.reason(),
                        request.at(),
                        survivor,
                        merged,
                        discarded,
                        toMove.stream().map(Identity::key).toList(),
                        leads.stream().map(Lead::id).toList(),
                        notes.stream().map(Note::id).toList());
        return new MergePlan(
                survivorAfter,
                toMove,
                List.copyOf(held.values()),
                duplicates,
                leads,
                notes,
                redirect,
                audit);
    }

    private static void refuseImpossible(MergeRequest request) {
        Customer survivor = request.survivor();
        Customer merged = request.merged();
        if (survivor.id().equals(merged.id())) {
            throw new MergeRefusedException(
                    MergeRefusal.SAME_CUSTOMER, "a customer cannot be merged into itself");
        }
        if (!survivor.tenant().equals(merged.tenant())) {
            throw new MergeRefusedException(
                    MergeRefusal.DIFFERENT_TENANTS,
                    "customers of different tenants cannot be merged");
        }
        if (request.redirects().isRedirected(merged.id())) {
            throw new MergeRefusedException(
                    MergeRefusal.ALREADY_REDIRECTED,
                    "customer "
                            + merged.id()
                            + " was already merged into "
                            + request.redirects().resolve(merged.id()));
        }
        if (request.redirects().isRedirected(survivor.id())) {
            throw new MergeRefusedException(
                    MergeRefusal.SURVIVOR_REDIRECTED,
                    "customer "
                            + survivor.id()
                            + " was merged into "
                            + request.redirects().resolve(survivor.id())
                            + ": choose that one as the survivor");
        }
        for (Lead lead : request.mergedLeads()) {
            if (!lead.customerId().equals(merged.id()) || !lead.tenant().equals(merged.tenant())) {
                throw new MergeRefusedException(
                        MergeRefusal.FOREIGN_RECORD,
                        "lead " + lead.id() + " is not the merged customer's");
            }
        }
        for (Note note : request.mergedNotes()) {
            if (!note.customerId().equals(merged.id()) || !note.tenant().equals(merged.tenant())) {
                throw new MergeRefusedException(
                        MergeRefusal.FOREIGN_RECORD,
                        "note " + note.id() + " is not the merged customer's");
            }
        }
    }

    private static String pick(
            String field, String survivors, String mergeds, Map<String, String> discarded) {
        if (survivors == null) {
            return mergeds;
        }
        if (mergeds != null && !Objects.equals(survivors, mergeds)) {
            discarded.put(field, mergeds);
        }
        return survivors;
    }
}
