package io.ringstream.routing.screenpop;

import io.ringstream.events.Assignment;
import java.util.concurrent.CompletableFuture;

/**
 * The customer card of an offer, for the agent's assignment stream. Completes normally always, with
 * null when there is nothing to show, so a slow store delays a card, never the stream.
 */
public interface ScreenPop {

    /** Without a customer store: only the id the offer names, if any. */
    ScreenPop NONE =
            offered ->
                    CompletableFuture.completedFuture(
                            offered.customerId() == null
                                    ? null
                                    : CustomerCard.idOnly(offered.customerId()));

    CompletableFuture<CustomerCard> cardFor(Assignment offered);
}
