package io.ringstream.sentiment.rolling;

/**
 * One utterance as the rolling logic sees it.
 *
 * @param eventId the utterance's stable id (duplicates are recognized by it)
 * @param speaker who spoke: {@code CUSTOMER}, {@code AGENT}, {@code BOT}
 * @param score the utterance's sentiment, or null when it could not be scored
 */
public record Turn(String eventId, String speaker, long eventTime, Double score) {
    public static final String CUSTOMER = "CUSTOMER";

    public boolean fromCustomer() {
        return CUSTOMER.equals(speaker);
    }
}
