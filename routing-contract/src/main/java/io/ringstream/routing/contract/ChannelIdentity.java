package io.ringstream.routing.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.annotation.Nullable;
import java.util.Set;

/**
 * Who a contact on a written channel says it is, as the channel gateway learnt it: the e-mail or
 * phone a web-chat visitor typed, the WhatsApp number or Instagram id a message came from. It lets
 * routing-service link the contact to a customer record (found, or created) so the agent's offer
 * carries the customer card, the way a caller's number does for calls.
 */
@JsonClassDescription("The identity a chat or messaging contact comes with")
public record ChannelIdentity(
        @JsonPropertyDescription("EMAIL, PHONE, WHATSAPP or INSTAGRAM") String kind,
        @JsonPropertyDescription(
                        "the identity as given (any format: routing normalises it like the"
                                + " customer records do)")
                String value,
        @Nullable
                @JsonPropertyDescription(
                        "the name the person gave, used when a new customer is created")
                String displayName) {

    /** The kinds a channel can report; the customer records know more (EXTERNAL_ID). */
    public static final Set<String> KINDS = Set.of("EMAIL", "PHONE", "WHATSAPP", "INSTAGRAM");
}
