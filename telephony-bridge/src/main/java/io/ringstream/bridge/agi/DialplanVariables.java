package io.ringstream.bridge.agi;

import io.ringstream.routing.contract.RouteAnswer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The channel variables the {@code route} script sets, so the dialplan can branch on them. Plain
 * Java: the mapping is unit-tested without a socket.
 *
 * <ul>
 *   <li>{@code RINGSTREAM_ACTION}: CONNECT, WAIT or ERROR (fall back, e.g. to app_queue)
 *   <li>{@code RINGSTREAM_TARGET}: the agent's endpoint to Dial, on CONNECT
 *   <li>{@code RINGSTREAM_AGENT}, {@code RINGSTREAM_OFFER}: for the {@code route-result} script
 *   <li>{@code RINGSTREAM_POSITION}, {@code RINGSTREAM_WAIT_SECONDS}: to announce, on WAIT
 *   <li>{@code RINGSTREAM_RETRY_SECONDS}: music before asking again, on WAIT
 *   <li>{@code RINGSTREAM_ERROR}: why, on ERROR
 * </ul>
 *
 * Every variable is set on every call (empty when it does not apply), so a value left from a
 * previous ask in the same call never misleads the dialplan.
 */
public final class DialplanVariables {
    public static final String ACTION = "RINGSTREAM_ACTION";
    public static final String TARGET = "RINGSTREAM_TARGET";
    public static final String AGENT = "RINGSTREAM_AGENT";
    public static final String OFFER = "RINGSTREAM_OFFER";
    public static final String POSITION = "RINGSTREAM_POSITION";
    public static final String WAIT_SECONDS = "RINGSTREAM_WAIT_SECONDS";
    public static final String RETRY_SECONDS = "RINGSTREAM_RETRY_SECONDS";
    public static final String ERROR = "RINGSTREAM_ERROR";

    /** Set by the route script so route-result knows the tenant too. */
    public static final String TENANT = "RINGSTREAM_TENANT";

    private DialplanVariables() {}

    public static Map<String, String> of(RouteAnswer a) {
        Map<String, String> vars = empty();
        vars.put(ACTION, a.action().name());
        vars.put(TARGET, text(a.target()));
        vars.put(AGENT, text(a.agentId()));
        vars.put(OFFER, text(a.offerId()));
        vars.put(POSITION, text(a.position()));
        vars.put(WAIT_SECONDS, text(a.estimatedWaitSeconds()));
        vars.put(RETRY_SECONDS, text(a.retryAfterSeconds()));
        return vars;
    }

    public static Map<String, String> error(String reason) {
        Map<String, String> vars = empty();
        vars.put(ACTION, "ERROR");
        // Quotes and newlines would break the AGI command line.
        vars.put(ERROR, reason.replaceAll("[\"\\r\\n\\\\]", " "));
        return vars;
    }

    private static Map<String, String> empty() {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String name :
                new String[] {
                    ACTION, TARGET, AGENT, OFFER, POSITION, WAIT_SECONDS, RETRY_SECONDS, ERROR
                }) {
            vars.put(name, "");
        }
        return vars;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
