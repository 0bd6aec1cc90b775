package io.ringstream.events;

/** What happened to a customer record; each change carries the record as it is afterwards. */
public enum CustomerChangeType {
    CREATED,
    UPDATED,
    IDENTITY_ADDED,
    IDENTITY_REMOVED,
    NOTE_ADDED,
    /** This customer was merged into {@code mergedInto}; its id now redirects there. */
    MERGED,
    /** A data-protection erasure: the personal fields are gone, only anonymous facts remain. */
    ERASED
}
