package io.ringstream.routing.customers;

import io.micronaut.serde.annotation.Serdeable;
import io.ringstream.customers.model.ConsentState;
import io.ringstream.customers.model.Consents;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import java.util.List;
import java.util.Locale;

/**
 * A customer's consents on the wire: {@code GRANTED}, {@code DENIED} or {@code UNKNOWN} per way of
 * contacting them; an absent flag is {@code UNKNOWN}.
 */
@Serdeable
@Schema(description = "GRANTED, DENIED or UNKNOWN (the default) per way of contacting")
public record ConsentsBody(
        @Nullable String phone,
        @Nullable String whatsapp,
        @Nullable String email,
        @Nullable String marketing) {

    static ConsentsBody of(Consents c) {
        return new ConsentsBody(
                c.phone().name(), c.whatsapp().name(), c.email().name(), c.marketing().name());
    }

    /** The model's consents; an unknown state name adds a violation and counts as UNKNOWN. */
    Consents toConsents(List<String> violations) {
        return new Consents(
                state(phone, "consents.phone", violations),
                state(whatsapp, "consents.whatsapp", violations),
                state(email, "consents.email", violations),
                state(marketing, "consents.marketing", violations));
    }

    private static ConsentState state(String text, String field, List<String> violations) {
        if (text == null || text.isBlank()) {
            return ConsentState.UNKNOWN;
        }
        try {
            return ConsentState.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(field + " is GRANTED, DENIED or UNKNOWN");
            return ConsentState.UNKNOWN;
        }
    }
}
