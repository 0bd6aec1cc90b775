package io.ringstream.customers.merge;

import io.ringstream.customers.model.Customer;
import io.ringstream.customers.model.CustomerId;
import io.ringstream.customers.model.LeadId;
import io.ringstream.customers.model.NoteId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a merge did, kept and published so nothing is lost silently: both customers as they were,
 * every value of the merged customer that the survivor's won over, and what moved.
 *
 * @param survivorBefore the survivor before the merge (its version is the one the write expects)
 * @param mergedBefore the merged customer before the merge
 * @param discarded the merged customer's values that lost to the survivor's, by field: {@code
 *     displayName}, {@code preferredLanguage}, {@code tier}, {@code ownerAgent}, and {@code
 *     attributes.<name>} for each attribute both had with different values
 * @param movedIdentities the keys ({@code KIND:value}) of the identities that changed owner
 */
public record MergeAudit(
        String tenant,
        CustomerId survivorId,
        CustomerId mergedId,
        String actor,
        String reason,
        Instant at,
        Customer survivorBefore,
        Customer mergedBefore,
        Map<String, String> discarded,
        List<String> movedIdentities,
        List<LeadId> movedLeads,
        List<NoteId> movedNotes) {

    public MergeAudit {
        discarded = Map.copyOf(discarded);
        movedIdentities = List.copyOf(movedIdentities);
        movedLeads = List.copyOf(movedLeads);
        movedNotes = List.copyOf(movedNotes);
    }
}
