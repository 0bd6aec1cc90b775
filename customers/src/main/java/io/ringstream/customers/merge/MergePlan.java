package io.ringstream.customers.merge;

import io.ringstream.customers.identity.Identity;
import io.ringstream.customers.model.Customer;
import io.ringstream.customers.model.Lead;
import io.ringstream.customers.model.Note;
import java.util.List;

/**
 * The writes a merge consists of, decided before any is made, so storage applies them in one
 * transaction and the audit says exactly what happened.
 *
 * @param survivor the survivor's new values (id, tenant and version unchanged; storage checks the
 *     version and bumps it)
 * @param identitiesToMove the merged customer's identities, re-owned by the survivor with their
 *     flags as they will be (primary cleared where the survivor has one of that kind)
 * @param survivorIdentities the survivor's complete identities after the merge
 * @param duplicateIdentities the merged customer's identities the survivor holds already: removed
 *     with the merged customer (a verified flag carries over to the survivor's copy)
 * @param leadsToMove the merged customer's leads, now the survivor's
 * @param notesToMove the merged customer's notes, now the survivor's
 * @param redirect the merged id, now naming the survivor
 */
public record MergePlan(
        Customer survivor,
        List<Identity> identitiesToMove,
        List<Identity> survivorIdentities,
        List<Identity> duplicateIdentities,
        List<Lead> leadsToMove,
        List<Note> notesToMove,
        Redirect redirect,
        MergeAudit audit) {

    public MergePlan {
        identitiesToMove = List.copyOf(identitiesToMove);
        survivorIdentities = List.copyOf(survivorIdentities);
        duplicateIdentities = List.copyOf(duplicateIdentities);
        leadsToMove = List.copyOf(leadsToMove);
        notesToMove = List.copyOf(notesToMove);
    }
}
