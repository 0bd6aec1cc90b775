package io.ringstream.customers.merge;

import io.ringstream.customers.identity.Identity;
import io.ringstream.customers.model.Customer;
import io.ringstream.customers.model.Lead;
import io.ringstream.customers.model.Note;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a merge is planned from: the two customers as they are now, what each holds, who asked
 * and when. A user chooses the survivor; nothing merges on its own.
 *
 * @param survivor the customer that stays, chosen by the user
 * @param merged the customer that goes, its id becoming a redirect to the survivor
 * @param survivorIdentities the survivor's identities (to keep one primary per kind)
 * @param mergedIdentities, mergedLeads, mergedNotes what the merged customer holds, all of it
 * @param redirects the tenant's redirects so far
 * @param actor who asked for the merge (a user or agent id)
 * @param reason why, as the user wrote it; may be null
 */
public record MergeRequest(
        Customer survivor,
        Customer merged,
        List<Identity> survivorIdentities,
        List<Identity> mergedIdentities,
        List<Lead> mergedLeads,
        List<Note> mergedNotes,
        Redirects redirects,
        String actor,
        String reason,
        Instant at) {

    public MergeRequest {
        Objects.requireNonNull(survivor, "survivor");
        Objects.requireNonNull(merged, "merged");
        survivorIdentities = List.copyOf(Objects.requireNonNullElse(survivorIdentities, List.of()));
        mergedIdentities = List.copyOf(Objects.requireNonNullElse(mergedIdentities, List.of()));
        mergedLeads = List.copyOf(Objects.requireNonNullElse(mergedLeads, List.of()));
        mergedNotes = List.copyOf(Objects.requireNonNullElse(mergedNotes, List.of()));
        redirects = Objects.requireNonNullElse(redirects, Redirects.none());
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("a merge names who asked for it");
        }
        Objects.requireNonNull(at, "at");
    }
}
