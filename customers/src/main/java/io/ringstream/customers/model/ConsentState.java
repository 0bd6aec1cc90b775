package io.ringstream.customers.model;

/**
 * What a customer said about being contacted one way. Three states, not a boolean: "never asked" is
 * not "said no", and a merge must tell them apart (see {@link Consents#mergedWith}).
 */
public enum ConsentState {
    GRANTED,
    DENIED,
    UNKNOWN
}
