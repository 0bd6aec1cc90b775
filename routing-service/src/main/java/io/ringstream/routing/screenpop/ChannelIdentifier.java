package io.ringstream.routing.screenpop;

import io.ringstream.routing.contract.ChannelIdentity;
import java.util.concurrent.CompletableFuture;

/**
 * What the router asks before queuing a chat or messaging contact that names no customer: which
 * customer holds the identity the channel gateway reported (found, or created). Like {@link
 * CallerIdentifier} it completes normally with an unknown customer when the answer cannot be had in
 * time; it fails only with {@link InvalidIdentityException}, for an identity that is not one.
 */
public interface ChannelIdentifier {

    /** Without a customer store: every identity is unknown. */
    ChannelIdentifier NONE =
            (tenant, contactId, identity) ->
                    CompletableFuture.completedFuture(Identification.UNKNOWN);

    CompletableFuture<Identification> identify(
            String tenant, String contactId, ChannelIdentity identity);
}
