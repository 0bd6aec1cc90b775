package io.ringstream.gateway.routing;

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
 * The gateway's calls to routing-service as role PBX: route a new conversation, end it, or report
 * that the visitor left before an agent joined. Blocking ({@link RoutingHttp}, shared with the
 * telephony bridge): the hub calls it on its own executor, never on a Netty event loop.
 * Thread-safe.
 */
public final class RoutingClient implements Routing {
    private final RoutingHttp http;

    public RoutingClient(URI base, Duration timeout, RoutingCredentials credentials, Clock clock) {
        this.http = new RoutingHttp(base, timeout, credentials, clock);
    }

    /**
     * @throws RoutingException with routing-service's problem detail, or why it was unreachable
     */
    @Override
    public RouteAnswer route(RouteRequest request) {
        return RoutingHttp.read(http.post("/v1/route", request), RouteAnswer.class);
    }

    /** The conversation is over ({@code POST /v1/contacts/{id}/end}). */
    @Override
    public void end(String tenant, String contactId) {
        http.post(contactPath(contactId, "end", tenant), "");
    }

    /** The visitor left before an agent joined ({@code POST /v1/contacts/{id}/abandon}). */
    @Override
    public void abandon(String tenant, String contactId) {
        http.post(contactPath(contactId, "abandon", tenant), "");
    }

    private static String contactPath(String contactId, String action, String tenant) {
        return "/v1/contacts/"
                + URLEncoder.encode(contactId, StandardCharsets.UTF_8)
                + "/"
                + action
                + "?tenant="
                + URLEncoder.encode(tenant, StandardCharsets.UTF_8);
    }
}
