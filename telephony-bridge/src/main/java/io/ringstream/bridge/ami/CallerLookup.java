package io.ringstream.bridge.ami;

import io.ringstream.routing.contract.CallerIdentificationAnswer;
import io.ringstream.routing.contract.CallerIdentificationRequest;

/**
 * Asks routing-service who is calling on a contact: {@code RoutingClient::identify}, the client
 * FastAGI uses too (one token cache), or a stand-in in tests. Blocking, with the client's timeout:
 * {@link CallerIdentifier} calls it on its own threads, never on the AMI reader's or worker's.
 */
@FunctionalInterface
public interface CallerLookup {
    /**
     * @throws RuntimeException when routing-service gives no answer (unreachable, refused, slow); a
     *     {@code RoutingException} with status 422 when the number is not a phone number
     */
    CallerIdentificationAnswer identify(String contactId, CallerIdentificationRequest request);
}
