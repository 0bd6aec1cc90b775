package io.ringstream.customers.merge;

/** Why a merge cannot be planned, as a stable code for the API's problem body. */
public enum MergeRefusal {
    /** The survivor and the merged customer are the same. */
    SAME_CUSTOMER,
    /** They belong to different tenants: a tenant never sees another's customers. */
    DIFFERENT_TENANTS,
    /** The customer to merge was already merged into another: merge that one instead. */
    ALREADY_REDIRECTED,
    /** The chosen survivor was itself merged into another: choose where it resolves to. */
    SURVIVOR_REDIRECTED,
    /** An identity, lead or note given as the merged customer's belongs to someone else. */
    FOREIGN_RECORD,
    /** The merged customer would break a limit (tags, attributes): trim one of them first. */
    LIMIT_EXCEEDED
}
