package io.ringstream.bridge.agi;

import io.ringstream.routing.contract.RouteRequest;
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
 * {@code RINGSTREAM_ACTION=ERROR} with the reason, so the dialplan can fall back.
 */
public final class RouteScript extends BaseAgiScript {
    private static final Logger LOG = LoggerFactory.getLogger(RouteScript.class);

    private final RoutingClient routing;
    private final long defaultWaitMillis;

    public RouteScript(RoutingClient routing, long defaultWaitMillis) {
        this.routing = routing;
        this.defaultWaitMillis = defaultWaitMillis;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        Map<String, String> vars;
        String tenant = null;
        try {
            RouteRequest route =
                    RouteParameters.parse(
                            firstValues(request), request.getUniqueId(), defaultWaitMillis);
            tenant = route.tenant();
            vars = DialplanVariables.of(routing.route(route));
        } catch (IllegalArgumentException | RoutingClient.RoutingException e) {
            LOG.warn("route for {} failed: {}", request.getUniqueId(), e.getMessage());
            vars = DialplanVariables.error(e.getMessage());
        }
        for (Map.Entry<String, String> v : vars.entrySet()) {
            channel.setVariable(v.getKey(), v.getValue());
        }
        channel.setVariable(DialplanVariables.TENANT, tenant == null ? "" : tenant);
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
