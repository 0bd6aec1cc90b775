package io.ringstream.routing.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.annotation.Nullable;
import java.util.List;

/**
 * routing-service's answer to a {@link CallerIdentificationRequest}: the contact's identification,
 * decided once per contact and the same for every later ask. One type for routing-service, which
 * writes it, and the telephony bridge, which stamps the customer on the contact's events.
 */
@JsonClassDescription(
        "The contact's caller: one customer, several candidates (nothing linked), or nobody.")
public record CallerIdentificationAnswer(
        @Nullable
                @JsonPropertyDescription(
                        "the caller's customer; null when the number is unknown (and the tenant"
                                + " creates no customers for unknown callers) or when it matches"
                                + " several customers")
                String customerId,
        @JsonPropertyDescription(
                        "the customers holding the number when it matches several: the agent"
                                + " chooses, nothing is linked silently; empty otherwise")
                List<String> candidates,
        @Nullable
                @JsonPropertyDescription(
                        "the lead this contact created for a caller nobody knew (stage NEW); null"
                                + " when it created none")
                String createdLeadId) {

    public CallerIdentificationAnswer {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }
}
