package io.ringstream.customers.model;

import java.util.Objects;

/**
 * A customer's consent per way of contacting them: the checks an agent or a campaign makes before
 * calling, writing or marketing.
 */
public record Consents(
        ConsentState phone, ConsentState whatsapp, ConsentState email, ConsentState marketing) {

    /** Nothing asked yet. */
    public static final Consents UNKNOWN =
            new Consents(
                    ConsentState.UNKNOWN,
                    ConsentState.UNKNOWN,
                    ConsentState.UNKNOWN,
                    ConsentState.UNKNOWN);

    public Consents {
        phone = Objects.requireNonNullElse(phone, ConsentState.UNKNOWN);
        whatsapp = Objects.requireNonNullElse(whatsapp, ConsentState.UNKNOWN);
        email = Objects.requireNonNullElse(email, ConsentState.UNKNOWN);
        marketing = Objects.requireNonNullElse(marketing, ConsentState.UNKNOWN);
    }

    /**
     * The consents of one person known under two records. Per flag: a refusal on either record wins
     * (a person who opted out once has opted out, whichever record they did it on); otherwise a
     * grant on either wins; otherwise unknown. This is the one exception to "the survivor's known
     * values win": following it, merging could start marketing to someone who said no.
     */
    public Consents mergedWith(Consents other) {
        return new Consents(
                merge(phone, other.phone),
                merge(whatsapp, other.whatsapp),
                merge(email, other.email),
                merge(marketing, other.marketing));
    }

    private static ConsentState merge(ConsentState a, ConsentState b) {
        if (a == ConsentState.DENIED || b == ConsentState.DENIED) {
            return ConsentState.DENIED;
        }
        if (a == ConsentState.GRANTED || b == ConsentState.GRANTED) {
            return ConsentState.GRANTED;
        }
        return ConsentState.UNKNOWN;
    }
}
