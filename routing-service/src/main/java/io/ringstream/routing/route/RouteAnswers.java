package io.ringstream.routing.route;

import io.ringstream.events.Assignment;
import io.ringstream.routing.contract.RouteAnswer;
import io.ringstream.routing.live.Position;

/**
 * Builds the contract's {@link RouteAnswer} from what routing-service knows (an offer, a queue
 * position), so the shared contract stays free of the service's internals.
 */
final class RouteAnswers {
    private RouteAnswers() {}

    /** CONNECT to the agent of the offer; {@code customerId} null when not known. */
    static RouteAnswer connect(Assignment a, String customerId) {
        return RouteAnswer.connect(
                a.tenant(),
                a.contactId(),
                a.queue(),
                a.endpoint(),
                a.agentId(),
                a.offerId(),
                a.step(),
                customerId);
    }

    /** WAIT where the contact stands; the estimated wait is rounded up to whole seconds. */
    static RouteAnswer waiting(
            String tenant, String contactId, Position p, int retryAfterSeconds, String customerId) {
        Long seconds =
                p.estimatedWaitMillis() == null ? null : (p.estimatedWaitMillis() + 999) / 1000;
        return RouteAnswer.waiting(
                tenant, contactId, p.queue(), p.position(), seconds, retryAfterSeconds, customerId);
    }
}
