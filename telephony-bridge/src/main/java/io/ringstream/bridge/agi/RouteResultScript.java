package io.ringstream.bridge.agi;

import io.ringstream.routing.contract.client.RoutingException;
import java.util.Map;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.BaseAgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FastAGI script {@code route-result?status=${DIALSTATUS}}: after the dialplan dialled the offered
 * agent, tells routing-service how it went. ANSWER accepts the offer; anything else (NOANSWER,
 * BUSY, CHANUNAVAIL, ...) rejects it, so the contact goes to another agent at once instead of
 * waiting for the offer to time out. Reads the offer from the variables {@code route} set.
 */
public final class RouteResultScript extends BaseAgiScript {
    private static final Logger LOG = LoggerFactory.getLogger(RouteResultScript.class);

    private final RoutingClient routing;

    public RouteResultScript(RoutingClient routing) {
        this.routing = routing;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        Map<String, String> params = RouteScript.firstValues(request);
        String status = params.getOrDefault("status", "");
        String agent = channel.getVariable(DialplanVariables.AGENT);
        String offer = channel.getVariable(DialplanVariables.OFFER);
        String tenant = channel.getVariable(DialplanVariables.TENANT);
        if (agent == null || agent.isBlank() || offer == null || offer.isBlank()) {
            channel.setVariable(DialplanVariables.ERROR, "no offer to report");
            return;
        }
        try {
            routing.answerOffer(
                    tenant == null || tenant.isBlank() ? null : tenant,
                    agent,
                    offer,
                    "ANSWER".equalsIgnoreCase(status),
                    "dial " + status);
            channel.setVariable(DialplanVariables.ERROR, "");
        } catch (RoutingException e) {
            LOG.warn("route-result for {} failed: {}", request.getUniqueId(), e.getMessage());
            channel.setVariable(
                    DialplanVariables.ERROR, e.getMessage().replaceAll("[\"\\r\\n\\\\]", " "));
        }
    }
}
