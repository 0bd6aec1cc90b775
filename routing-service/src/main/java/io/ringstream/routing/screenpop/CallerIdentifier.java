package io.ringstream.routing.screenpop;

import io.ringstream.events.Channel;
import java.util.concurrent.CompletableFuture;

/**
 * What the router asks before queuing a contact: who is calling. Completes normally always (an
 * unknown caller when the answer cannot be had in time), so routing never waits on the customer
 * store.
 */
public interface CallerIdentifier {

    /** Without a customer store: every caller is unknown. */
    CallerIdentifier NONE =
            (tenant, contactId, callerNumber, channel) ->
                    CompletableFuture.completedFuture(Identification.UNKNOWN);

    CompletableFuture<Identification> identify(
            String tenant, String contactId, String callerNumber, Channel channel);
}
