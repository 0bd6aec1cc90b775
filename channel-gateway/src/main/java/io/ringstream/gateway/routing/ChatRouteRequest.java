package io.ringstream.gateway.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ringstream.events.Channel;
import java.util.Map;

/**
 * The body of {@code POST /v1/route} for a chat or messaging contact: the fields of
 * routing-contract's {@code RouteRequest} the gateway uses, plus the visitor's {@code identity}
 * (issue 12: routing-service resolves it to a customer when there is no customerId). Written as its
 * own record so the gateway does not depend on when the contract gains the field; the JSON is the
 * same.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatRouteRequest(
        String tenant,
        String contactId,
        String queue,
        Channel channel,
        Map<String, Integer> skills,
        String language,
        Long waitMillis,
        Identity identity) {

    /** Who the customer says they are: kind EMAIL, PHONE, WHATSAPP or INSTAGRAM. */
    public record Identity(String kind, String value, String displayName) {}
}
