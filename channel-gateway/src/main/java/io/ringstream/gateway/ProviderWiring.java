package io.ringstream.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringstream.gateway.http.WebhookRoute;
import io.ringstream.gateway.providers.ProviderInbound;
import io.ringstream.gateway.providers.ProviderOutbound;
import io.ringstream.kafka.EventPublisher;

/**
 * How the WhatsApp and Instagram side plugs into the gateway at start: given the conversations'
 * {@link ProviderInbound} (and the gateway's publisher and metrics), it builds the webhook route
 * and the send APIs. {@link #NONE} is a gateway without providers: every webhook answers 404 and a
 * provider conversation's reply is refused "provider not configured".
 */
@FunctionalInterface
public interface ProviderWiring {

    /** No providers. */
    ProviderWiring NONE = context -> Providers.NONE;

    /** Called once while the gateway starts, before it accepts connections. */
    Providers wire(Context context);

    /** What the providers' side gets. */
    record Context(
            GatewaySettings settings,
            ProviderInbound inbound,
            EventPublisher publisher,
            MeterRegistry metrics) {}

    /**
     * What it gives back; either part may be null (absent). {@code closer} runs when the gateway
     * closes, after the server stopped accepting.
     */
    record Providers(WebhookRoute webhooks, ProviderOutbound outbound, AutoCloseable closer) {
        public static final Providers NONE = new Providers(null, null, () -> {});
    }
}
