package io.ringstream.customers.identity;

/** The ways a customer can be recognised; each kind has its own normalisation rule. */
public enum IdentityKind {
    /** A phone number, in E.164. */
    PHONE,
    /** An e-mail address, trimmed and lower-cased. */
    EMAIL,
    /** A WhatsApp id: the account's phone number, in E.164. */
    WHATSAPP,
    /** An Instagram id (the channel's scoped id or handle), kept as given. */
    INSTAGRAM,
    /** Another system's id, namespaced by that system: {@code booking:123}. */
    EXTERNAL_ID;

    /**
     * Whether the value is an E.164 phone number, so a caller's number can be looked up across
     * {@link #PHONE} and {@link #WHATSAPP} identities alike.
     */
    public boolean isPhoneNumber() {
        return this == PHONE || this == WHATSAPP;
    }
}
