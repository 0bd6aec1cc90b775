package io.ringstream.gateway;

import java.util.Map;

/**
 * Everything the gateway reads at start, from {@code RINGSTREAM_*} environment variables (see the
 * README's configuration table), so the deployable and the launcher configure it the same way.
 */
public record GatewaySettings(Map<String, String> environment) {

    /** The settings the given environment names; refuses a missing required one. */
    public static GatewaySettings fromEnvironment(Map<String, String> environment) {
        return new GatewaySettings(Map.copyOf(environment));
    }
}
