package io.ringstream.routing.pages;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.net.URI;

/**
 * Where the pages' browsers find the channel gateway, {@code ringstream.chat.*} (env {@code
 * RINGSTREAM_CHAT_GATEWAY_URL}): the widget demo and the agent desktop read it from {@code
 * /chat/config.js}, and the pages' Content-Security-Policy allows connecting to its origin.
 */
@ConfigurationProperties(ChatProperties.PREFIX)
public class ChatProperties {
    public static final String PREFIX = "ringstream.chat";

    private URI gatewayUrl = URI.create("ws://127.0.0.1:8090/chat/ws");

    /**
     * {@code gateway-url}: the gateway's WebSocket, default {@code ws://127.0.0.1:8090/chat/ws}.
     */
    public URI getGatewayUrl() {
        return gatewayUrl;
    }

    public void setGatewayUrl(URI gatewayUrl) {
        if (gatewayUrl == null
                || gatewayUrl.getHost() == null
                || !("ws".equals(gatewayUrl.getScheme()) || "wss".equals(gatewayUrl.getScheme()))) {
            throw new IllegalArgumentException(
                    "RINGSTREAM_CHAT_GATEWAY_URL must be a ws:// or wss:// URL, not " + gatewayUrl);
        }
        this.gatewayUrl = gatewayUrl;
    }

    /** The gateway's origin as a CSP source: scheme, host and port, e.g. ws://127.0.0.1:8090. */
    public String gatewayOrigin() {
        String port = gatewayUrl.getPort() < 0 ? "" : ":" + gatewayUrl.getPort();
        return gatewayUrl.getScheme() + "://" + gatewayUrl.getHost() + port;
    }
}
