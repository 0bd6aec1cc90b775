package io.ringstream.customers.identity;

/**
 * Why an identity was refused, as a stable code the API can return next to a readable message (a
 * client can translate the code; the message is English).
 */
public enum RefusalReason {
    /** Nothing but whitespace was given. */
    BLANK,
    /** Longer than any identity of its kind can be. */
    TOO_LONG,
    /** No digits that could form a phone number. */
    NOT_A_NUMBER,
    /** A national number with no default region to place it in, or an unknown country code. */
    UNKNOWN_COUNTRY,
    /** Too few digits for a number of its country. */
    TOO_SHORT,
    /** A length no number of its country has. */
    INVALID_LENGTH,
    /** The right length, but in no numbering range its country uses. */
    INVALID_NUMBER,
    /** Not an e-mail address: one {@code @}, a local part and a dotted domain. */
    INVALID_EMAIL,
    /** Contains whitespace or control characters where none can be. */
    INVALID_CHARACTERS,
    /** An external id without its system ({@code booking:123}), or with an invalid system name. */
    MISSING_SYSTEM
}
