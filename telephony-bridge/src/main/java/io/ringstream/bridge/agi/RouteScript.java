package io.ringstream.bridge.agi;

import io.ringstream.routing.contract.RouteAnswer;
import io.ringstream.routing.contract.RouteRequest;
import io.ringstream.routing.contract.client.RoutingException;
import java.util.HashMap;
import java.util.Map;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.BaseAgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FastAGI script {@code route}: asks routing-service where the call goes and sets the dialplan
 * variables ({@link DialplanVariables}). Never fails the call: when routing cannot answer it sets
 * {@code RINGSTREAM_ACTION=ERROR} with the reason, so the dialplan can fall back. Sends the
 * channel's caller number ({@link RouteParameters}), and tells the {@link CustomerListener} the
 * customer an answer names.
 */
public final class RouteScript extends BaseAgiScript {
    private static final Logger LOG = LoggerFactory.getLogger(RouteScript.class);

    private final RoutingClient routing;
    private final long defaultWaitMillis;
    private final CustomerListener customers;

    public RouteScript(RoutingClient routing, long defaultWaitMillis) {
        this(routing, defaultWaitMillis, CustomerListener.NONE);
    }

    public RouteScript(RoutingClient routing, long defaultWaitMillis, CustomerListener customers) {
        this.routing = routing;
        this.defaultWaitMillis = defaultWaitMillis;
        this.customers = customers;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        Map<String, String> vars;
        String tenant = null;
        try {
            RouteRequest route =
                    RouteParameters.parse(
                            firstValues(request),
                            request.getUniqueId(),
                            request.getCallerIdNumber(),
                            defaultWaitMillis);
            tenant = route.tenant();
            RouteAnswer answer = routing.route(route);
            vars = DialplanVariables.of(answer);
            identified(route, answer);
        } catch (IllegalArgumentException | RoutingException e) {
            LOG.warn("route for {} failed: {}", request.getUniqueId(), e.getMessage());
            vars = DialplanVariables.error(e.getMessage());
        }
        for (Map.Entry<String, String> v : vars.entrySet()) {
            channel.setVariable(v.getKey(), v.getValue());
        }
        channel.setVariable(DialplanVariables.TENANT, tenant == null ? "" : tenant);
    }

    /** Passes on the customer the answer names; never fails the call. */
    private void identified(RouteRequest route, RouteAnswer answer) {
        String customerId = answer.customerId();
        if (customerId == null || customerId.isBlank()) {
            return;
        }
        String contactId = answer.contactId() != null ? answer.contactId() : route.contactId();
        String tenant = answer.tenant() != null ? answer.tenant() : route.tenant();
        try {
            customers.identified(tenant, contactId, customerId);
        } catch (RuntimeException e) {
            LOG.warn("customer {} of {} not passed on: {}", customerId, contactId, e.toString());
        }
    }

    static Map<String, String> firstValues(AgiRequest request) {
        Map<String, String> params = new HashMap<>();
        Map<String, String[]> all = request.getParameterMap();
        if (all != null) {
            all.forEach(
                    (name, values) -> {
                        if (values != null && values.length > 0) {
                            params.put(name, values[0]);
                        }
                    });
        }
        return params;
    }
}
