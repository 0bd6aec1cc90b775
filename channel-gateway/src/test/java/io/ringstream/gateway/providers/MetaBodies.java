package io.ringstream.gateway.providers;

import io.ringstream.secrets.Hmac;
import java.nio.charset.StandardCharsets;

/**
 * Webhook bodies in the shapes of Meta's documentation (the same shapes as the fixtures in
 * channels/src/test/resources), built per test so each can vary an id, and the settings the tests
 * sign them with.
 */
final class MetaBodies {
    static final String WA_NUMBER = "420000000000007";
    static final String IG_ACCOUNT = "17841400000000042";
    static final String APP_SECRET = "whatsapp-app-secret-for-tests-0123456789";
    static final String IG_SECRET = "instagram-app-secret-for-tests-0123456789";
    static final String VERIFY_TOKEN = "verify-me-please";

    private MetaBodies() {}

    static String whatsAppText(String phoneNumberId, String messageId, String text) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"310000000000001","changes":[
                {"value":{"messaging_product":"whatsapp",
                 "metadata":{"display_phone_number":"493012345600","phone_number_id":"%s"},
                 "contacts":[{"profile":{"name":"Jana Novak"},"wa_id":"4915112345678"}],
                 "messages":[{"from":"4915112345678","id":"%s","timestamp":"1750857384",
                   "type":"text","text":{"body":"%s"}}]},
                 "field":"messages"}]}]}
                """
                .formatted(phoneNumberId, messageId, text);
    }

    static String whatsAppStatus(String phoneNumberId, String messageId, String status) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"310000000000001","changes":[
                {"value":{"messaging_product":"whatsapp",
                 "metadata":{"display_phone_number":"493012345600","phone_number_id":"%s"},
                 "statuses":[{"id":"%s","status":"%s","timestamp":"1750857500",
                   "recipient_id":"4915112345678"}]},
                 "field":"messages"}]}]}
                """
                .formatted(phoneNumberId, messageId, status);
    }

    static String instagramText(String accountId, String mid, String text) {
        return """
                {"object":"instagram","entry":[{"id":"%s","time":1750857384123,"messaging":[
                {"sender":{"id":"6650000000000001"},"recipient":{"id":"%s"},
                 "timestamp":1750857383950,"message":{"mid":"%s","text":"%s"}}]}]}
                """
                .formatted(accountId, accountId, mid, text);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String sign(String secret, byte[] body) {
        return Hmac.withSecret(secret).sign(body);
    }

    static ProviderSettings settings(java.net.URI apiUrl) {
        return new ProviderSettings(
                java.util.Optional.of(
                        new ProviderSettings.App(
                                io.ringstream.channels.webhook.Provider.WHATSAPP,
                                APP_SECRET,
                                VERIFY_TOKEN,
                                "wa-access-token",
                                apiUrl)),
                java.util.Optional.of(
                        new ProviderSettings.App(
                                io.ringstream.channels.webhook.Provider.INSTAGRAM,
                                IG_SECRET,
                                VERIFY_TOKEN,
                                "ig-access-token",
                                apiUrl)));
    }

    static ProviderAccounts accounts(boolean withTemplate) {
        return new ProviderAccounts(
                java.util.Map.of(WA_NUMBER, new ProviderAccounts.Account("default", "sales")),
                java.util.Map.of(IG_ACCOUNT, new ProviderAccounts.Account("default", "sales")),
                withTemplate ? new ProviderAccounts.Template("hello_again", "en_US") : null);
    }
}
