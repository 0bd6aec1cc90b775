package io.ringstream.routing.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.ringstream.events.Channel;
import jakarta.annotation.Nullable;
import java.util.Map;

/**
 * The body of {@code POST /v1/route}, the PBX asking where a contact goes. One type for
 * routing-service, which answers it, and the telephony bridge, which sends it for the dialplan, so
 * the two cannot drift apart. Asking again for the same contact is safe: it is queued once, and the
 * answer is its current target or its current place in the queue.
 *
 * <p>Chat and messaging contacts come from the channel gateway, with the visitor's {@code identity}
 * instead of a caller's number.
 *
 * <p>The descriptions of the fields are annotations rather than Javadoc so that routing-service's
 * OpenAPI document, generated at compile time from this jar, shows them.
 */
@JsonClassDescription("A route request from the PBX")
public record RouteRequest(
        @Nullable @JsonPropertyDescription("default `default`") String tenant,
        @JsonPropertyDescription(
                        "the PBX's id of the call (Asterisk: the caller channel's Uniqueid)")
                String contactId,
        String queue,
        @Nullable Channel channel,
        @Nullable @JsonPropertyDescription("required skill to minimum proficiency 1..5")
                Map<String, Integer> skills,
        @Nullable
                @JsonPropertyDescription(
                        "ISO 639-1 language of the customer; null when any will do")
                String language,
        @Nullable @JsonPropertyDescription("higher goes first; default 0") Integer priority,
        @Nullable
                @JsonPropertyDescription(
                        "the CRM customer, when the PBX knows it (caller id lookup)")
                String customerId,
        @Nullable
                @JsonPropertyDescription(
                        "the caller's number as the PBX sees it (Asterisk: CALLERID(num)), in any"
                                + " format; routing resolves it to a customer. Null when the"
                                + " caller withheld it or the channel has none")
                String callerNumber,
        @Nullable
                @JsonPropertyDescription(
                        "how long to wait for an agent before answering WAIT; default the"
                                + " service's `ringstream.routing.route-wait`, at most 30 000")
                Long waitMillis,
        @Nullable
                @JsonPropertyDescription(
                        "on a transfer that keeps the contact id, the offer the contact leaves"
                                + " (the `offerId` of the CONNECT answer that reached the"
                                + " transferring agent): that agent wraps up and the contact is"
                                + " routed again in `queue`. Repeat it on every ask of the"
                                + " transfer's wait loop: it is sent once, and an instance that"
                                + " did not see the first ask still must not connect the caller"
                                + " back.")
                String transferFrom,
        @Nullable
                @JsonPropertyDescription(
                        "chat and messaging: who the contact says it is (the e-mail or phone a"
                                + " visitor gave, the WhatsApp number, the Instagram id). Without"
                                + " a customerId, routing finds the customer holding it or creates"
                                + " one, so the offer carries the customer card")
                ChannelIdentity identity) {

    /** The channel a request without one is routed on. */
    public static final Channel DEFAULT_CHANNEL = Channel.VOICE;

    /** The request's channel, {@link #DEFAULT_CHANNEL} when it names none. */
    public Channel channelOrDefault() {
        return channel == null ? DEFAULT_CHANNEL : channel;
    }
}
