package io.ringstream.gateway.providers;

import io.ringstream.gateway.ProviderWiring;

/**
 * Plugs WhatsApp and Instagram into the gateway at start: the webhook route ({@link MetaWebhooks})
 * and the send APIs ({@link MetaSendApi}) from the providers' settings and accounts, closed with
 * the gateway. With both providers off it is {@link ProviderWiring#NONE}'s answer: no route (every
 * webhook 404) and no send API.
 */
public final class MetaProviders {
    private MetaProviders() {}

    /** The wiring for these settings and accounts. */
    public static ProviderWiring wiring(ProviderSettings settings, ProviderAccounts accounts) {
        return context -> {
            if (settings.whatsApp().isEmpty() && settings.instagram().isEmpty()) {
                return ProviderWiring.Providers.NONE;
            }
            MetaWebhooks webhooks =
                    new MetaWebhooks(
                            settings,
                            accounts,
                            context.inbound(),
                            context.publisher(),
                            context.metrics());
            MetaSendApi send = new MetaSendApi(settings, accounts);
            return new ProviderWiring.Providers(
                    webhooks,
                    send,
                    () -> {
                        webhooks.close();
                        send.close();
                    });
        };
    }
}
