package io.ringstream.gateway.routing;

import io.ringstream.routing.contract.RouteAnswer;
import io.ringstream.routing.contract.RouteRequest;

/**
 * The three things the hub asks routing-service ({@link RoutingClient} over HTTP; a recording fake
 * in unit tests). Blocking: called on the hub's routing executor only.
 *
 * @see RoutingClient
 */
public interface Routing {

    RouteAnswer route(RouteRequest request);

    void end(String tenant, String contactId);

    void abandon(String tenant, String contactId);
}
