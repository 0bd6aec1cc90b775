package io.ringstream.gateway.providers;

import io.ringstream.channels.webhook.Provider;
import io.ringstream.secrets.Hmac;
import io.ringstream.secrets.Secrets;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The secrets and the API address of each Meta app the gateway talks to, from {@code
 * RINGSTREAM_WHATSAPP_*} and {@code RINGSTREAM_INSTAGRAM_*} variables (secrets as {@code NAME} or
 * {@code NAME_FILE}, module {@code secrets}). A provider without an app secret is off: its webhook
 * answers 404 and nothing is sent through it. With an app secret, the verify token and the access
 * token are required, so a half-configured provider fails at start rather than at the first
 * delivery.
 *
 * @param whatsApp WhatsApp Cloud API's app, when on
 * @param instagram Instagram messaging's app, when on
 */
public record ProviderSettings(Optional<App> whatsApp, Optional<App> instagram) {

    /** The Graph API base both providers' send APIs live under; the version is part of it. */
    public static final String DEFAULT_API_URL = "https://graph.facebook.com/v25.0";

    /**
     * One Meta app's settings. {@link #toString()} never shows the secrets.
     *
     * @param appSecret signs webhook deliveries (HMAC-SHA256, at least 16 bytes)
     * @param verifyToken what the verification GET must present
     * @param accessToken the bearer token of the send API
     * @param apiUrl the base URL, e.g. {@code https://graph.facebook.com/v25.0}; sends go to {@code
     *     <apiUrl>/<account id>/messages}
     */
    public record App(
            Provider provider,
            String appSecret,
            String verifyToken,
            String accessToken,
            URI apiUrl) {
        public App {
            if (provider == null || apiUrl == null) {
                throw new IllegalArgumentException("a provider and an API URL are required");
            }
            for (String s : new String[] {appSecret, verifyToken, accessToken}) {
                if (s == null || s.isBlank()) {
                    throw new IllegalArgumentException(
                            provider.id()
                                    + ": app secret, verify token and access token are required");
                }
            }
            Hmac.withSecret(appSecret); // refuses a secret shorter than 16 bytes, at start
            String scheme = apiUrl.getScheme();
            if (!"https".equals(scheme) && !"http".equals(scheme)) {
                throw new IllegalArgumentException(
                        provider.id() + ": the API URL must be http(s): " + apiUrl);
            }
        }

        @Override
        public String toString() {
            return "App[" + provider.id() + ", apiUrl=" + apiUrl + ", secrets hidden]";
        }
    }

    public ProviderSettings {
        whatsApp.ifPresent(a -> requireProvider(a, Provider.WHATSAPP));
        instagram.ifPresent(a -> requireProvider(a, Provider.INSTAGRAM));
    }

    /** Both providers off. */
    public static ProviderSettings off() {
        return new ProviderSettings(Optional.empty(), Optional.empty());
    }

    /**
     * From {@code RINGSTREAM_<P>_APP_SECRET(_FILE)}, {@code _VERIFY_TOKEN(_FILE)}, {@code
     * _ACCESS_TOKEN(_FILE)} and {@code _API_URL} (default {@link #DEFAULT_API_URL}), for {@code P}
     * = {@code WHATSAPP} and {@code INSTAGRAM}.
     *
     * @throws IllegalArgumentException for a half-configured provider, naming the variable
     */
    public static ProviderSettings fromEnvironment(Map<String, String> env) {
        Secrets secrets = Secrets.from(env);
        return new ProviderSettings(
                app(Provider.WHATSAPP, env, secrets), app(Provider.INSTAGRAM, env, secrets));
    }

    /** The app of {@code provider}, when on. */
    public Optional<App> app(Provider provider) {
        return switch (provider) {
            case WHATSAPP -> whatsApp;
            case INSTAGRAM -> instagram;
        };
    }

    /** The prefix of a provider's variables, e.g. {@code RINGSTREAM_WHATSAPP_}. */
    public static String prefix(Provider provider) {
        return "RINGSTREAM_" + provider.id().toUpperCase(Locale.ROOT) + "_";
    }

    private static Optional<App> app(Provider provider, Map<String, String> env, Secrets secrets) {
        String p = prefix(provider);
        Optional<String> appSecret = secrets.optional(p + "APP_SECRET");
        if (appSecret.isEmpty()) {
            return Optional.empty();
        }
        String url = env.getOrDefault(p + "API_URL", DEFAULT_API_URL).strip();
        URI apiUrl;
        try {
            apiUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(p + "API_URL is not a URL: " + url);
        }
        return Optional.of(
                new App(
                        provider,
                        appSecret.get(),
                        secrets.required(p + "VERIFY_TOKEN"),
                        secrets.required(p + "ACCESS_TOKEN"),
                        apiUrl));
    }

    private static void requireProvider(App app, Provider expected) {
        if (app.provider() != expected) {
            throw new IllegalArgumentException(
                    "the " + expected.id() + " settings are for " + app.provider().id());
        }
    }
}
