package io.ringstream.bridge.agi;

import io.ringstream.events.Tenants;
import io.ringstream.routing.contract.CallerIdentificationAnswer;
import io.ringstream.routing.contract.CallerIdentificationRequest;
import io.ringstream.routing.contract.OfferAnswerRequest;
import io.ringstream.routing.contract.RouteAnswer;
import io.ringstream.routing.contract.RouteRequest;
import io.ringstream.routing.contract.client.RoutingCredentials;
import io.ringstream.routing.contract.client.RoutingException;
import io.ringstream.routing.contract.client.RoutingHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * Calls routing-service over HTTP for the FastAGI scripts (route a call, and report how dialling
 * the offered agent went) and for the AMI side (identify the caller of a call Asterisk queues
 * itself). The HTTP, the bearer token and the retry after a 401 are routing-contract's {@link
 * RoutingHttp}, shared with the channel gateway. Thread-safe; one instance serves every AGI
 * connection.
 */
public final class RoutingClient {
    private final RoutingHttp http;

    /** Without a token (a stand-in routing-service in tests). */
    public RoutingClient(URI base, Duration timeout) {
        this(base, timeout, RoutingCredentials.none(), Clock.systemUTC());
    }

    public RoutingClient(URI base, Duration timeout, RoutingCredentials credentials, Clock clock) {
        this.http = new RoutingHttp(base, timeout, credentials, clock);
    }

    /**
     * @throws RoutingException with routing-service's problem detail, or why it was unreachable
     */
    public RouteAnswer route(RouteRequest request) {
        long wait = request.waitMillis() == null ? 0 : request.waitMillis();
        String body = http.post("/v1/route", request, http.timeout().plusMillis(wait));
        return RoutingHttp.read(body, RouteAnswer.class);
    }

    /** The client {@code config} describes: routing-service's URL, timeout and credentials. */
    public static RoutingClient of(FastAgiConfig config) {
        return new RoutingClient(
                config.routingUrl(),
                config.requestTimeout(),
                config.credentials(),
                Clock.systemUTC());
    }

    /**
     * Who is calling on {@code contactId} ({@code POST /v1/contacts/{contactId}/identification}):
     * decided once per contact, the same answer for every ask.
     *
     * @param contactId a contact id as AMI gives it (Uniqueid: digits and a dot)
     * @throws RoutingException with the status (422: not a phone number) and problem detail, or why
     *     routing-service was unreachable
     */
    public CallerIdentificationAnswer identify(
            String contactId, CallerIdentificationRequest request) {
        String body =
                http.post(
                        "/v1/contacts/"
                                + URLEncoder.encode(contactId, StandardCharsets.UTF_8)
                                + "/identification",
                        request);
        return RoutingHttp.read(body, CallerIdentificationAnswer.class);
    }

    /** Accepts or rejects an offer for its agent; a null tenant is the default one. */
    public void answerOffer(
            String tenant, String agentId, String offerId, boolean accept, String reason) {
        String path =
                "/v1/agents/" + agentId + "/offers/" + offerId + (accept ? "/accept" : "/reject");
        http.post(
                path,
                new OfferAnswerRequest(
                        tenant == null ? Tenants.DEFAULT : tenant, reason == null ? "" : reason));
    }
}
