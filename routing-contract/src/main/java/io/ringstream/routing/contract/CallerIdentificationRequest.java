package io.ringstream.routing.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.ringstream.events.Channel;
import jakarta.annotation.Nullable;

/**
 * The body of {@code POST /v1/contacts/{contactId}/identification}: the PBX side asking who is
 * calling on a contact that routing-service never routed itself (Asterisk queues it with app_queue;
 * the bridge sees the caller's number in AMI's CallerIDNum). One type for routing-service and the
 * telephony bridge, so the two cannot drift apart.
 */
@JsonClassDescription(
        "Who is calling on this contact: the caller's number as the PBX sees it. Asking again for"
                + " the same contact answers the first ask's identification; a later"
                + " `POST /v1/route` for the contact reuses it too.")
public record CallerIdentificationRequest(
        @JsonPropertyDescription(
                        "the caller's number in any format (Asterisk: CallerIDNum), read in the"
                                + " tenant's default region; required, and a number that is not a"
                                + " phone number is refused with 400")
                String callerNumber,
        @Nullable @JsonPropertyDescription("the contact's channel; default VOICE")
                Channel channel) {

    /** The channel a request without one identifies on. */
    public static final Channel DEFAULT_CHANNEL = Channel.VOICE;

    /** The request's channel, {@link #DEFAULT_CHANNEL} when it names none. */
    public Channel channelOrDefault() {
        return channel == null ? DEFAULT_CHANNEL : channel;
    }
}
