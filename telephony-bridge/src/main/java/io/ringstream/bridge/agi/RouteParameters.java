package io.ringstream.bridge.agi;

import io.ringstream.events.Channel;
import io.ringstream.routing.contract.RouteRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a route request from the AGI URL's parameters, e.g. {@code
 * route?queue=support&skills=billing:3,spanish:2&language=es&priority=1&customer=k42&wait=1500}. A
 * transfer that keeps the channel adds {@code transferFrom=<the offer the caller leaves>}, e.g. the
 * {@code RINGSTREAM_OFFER} the first route set; empty means no transfer.
 *
 * <p>The caller's number goes to routing-service as {@code callerNumber}, which it resolves to a
 * customer: by default the channel's Caller*ID number ({@code CALLERID(num)}, as Asterisk passes it
 * in {@code agi_callerid}), as the PBX sees it, in any format. {@code caller=<number>} replaces it,
 * e.g. {@code caller=${CALLERID(ANI-num)}} or a number the IVR asked for; an empty {@code caller=}
 * sends none (a withheld number the dialplan must not pass on). Plain Java.
 */
public final class RouteParameters {
    private RouteParameters() {}

    /**
     * @param params the URL's parameters (first value of each)
     * @param uniqueId the channel's Asterisk unique id, the contact id unless {@code contact} is
     *     given
     * @throws IllegalArgumentException naming the malformed parameter
     */
    public static RouteRequest parse(
            Map<String, String> params, String uniqueId, long defaultWait) {
        return parse(params, uniqueId, null, defaultWait);
    }

    /**
     * @param params the URL's parameters (first value of each)
     * @param uniqueId the channel's Asterisk unique id, the contact id unless {@code contact} is
     *     given
     * @param channelCaller the channel's Caller*ID number, null when it has none; the request's
     *     {@code callerNumber} unless {@code caller} is given
     * @throws IllegalArgumentException naming the malformed parameter
     */
    public static RouteRequest parse(
            Map<String, String> params, String uniqueId, String channelCaller, long defaultWait) {
        String queue = params.get("queue");
        if (queue == null || queue.isBlank()) {
            throw new IllegalArgumentException("the AGI URL needs ?queue=<name>");
        }
        String contact = params.getOrDefault("contact", uniqueId);
        if (contact == null || contact.isBlank()) {
            throw new IllegalArgumentException("no contact id: the channel has no unique id");
        }
        return new RouteRequest(
                blankToNull(params.get("tenant")),
                contact,
                queue,
                channel(params.get("channel")),
                skills(params.get("skills")),
                blankToNull(params.get("language")),
                params.containsKey("priority") ? number("priority", params.get("priority")) : null,
                blankToNull(params.get("customer")),
                blankToNull(params.containsKey("caller") ? params.get("caller") : channelCaller),
                params.containsKey("wait")
                        ? (long) number("wait", params.get("wait"))
                        : defaultWait,
                blankToNull(params.get("transferFrom")),
                null);
    }

    static Channel channel(String text) {
        if (text == null) {
            return RouteRequest.DEFAULT_CHANNEL;
        }
        try {
            return Channel.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "channel must be one of "
                            + Arrays.toString(Channel.values())
                            + ", not '"
                            + text
                            + "'",
                    e);
        }
    }

    static Map<String, Integer> skills(String text) {
        Map<String, Integer> skills = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return skills;
        }
        for (String part : text.split(",")) {
            String[] kv = part.trim().split(":", 2);
            if (kv[0].isBlank()) {
                continue;
            }
            skills.put(kv[0].trim(), kv.length == 2 ? number("skills", kv[1]) : 1);
        }
        return skills;
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not '" + value + "'", e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
