package io.ringstream.gateway.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringstream.channels.webhook.Provider;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which tenant and queue each of our WhatsApp numbers and Instagram accounts belongs to, and the
 * approved WhatsApp template to send when the service window is closed: the {@code whatsapp} and
 * {@code instagram} sections of the {@code RINGSTREAM_CHANNELS_FILE} JSON. A webhook delivery names
 * only our account id; this is how it finds its tenant, and an account that is not here is refused
 * (dead-lettered), never guessed.
 *
 * <pre>{@code
 * "whatsapp":  {"numbers":  {"<phone_number_id>": {"tenant": "default", "queue": "sales"}},
 *               "template": {"name": "hello_world", "language": "en_US"}},
 * "instagram": {"accounts": {"<ig account id>":   {"tenant": "default", "queue": "sales"}}}
 * }</pre>
 *
 * Unknown keys anywhere in the two sections are refused at start, so a typo is not silently
 * ignored. Immutable; read once at start.
 */
public final class ProviderAccounts {

    /** Where one of our accounts' conversations go. */
    public record Account(String tenant, String queue) {
        public Account {
            if (tenant == null || tenant.isBlank() || queue == null || queue.isBlank()) {
                throw new IllegalArgumentException("an account needs a tenant and a queue");
            }
        }
    }

    /**
     * The approved WhatsApp template sent when the 24-hour window is closed.
     *
     * @param language the template's language code as approved, e.g. {@code en_US}
     */
    public record Template(String name, String language) {
        public Template {
            if (name == null || name.isBlank() || language == null || language.isBlank()) {
                throw new IllegalArgumentException("a template needs a name and a language");
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ProviderAccounts NONE = new ProviderAccounts(Map.of(), Map.of(), null);

    private final Map<String, Account> whatsAppNumbers;
    private final Map<String, Account> instagramAccounts;
    private final Template whatsAppTemplate;

    /** Accounts given directly (tests, tools). */
    public ProviderAccounts(
            Map<String, Account> whatsAppNumbers,
            Map<String, Account> instagramAccounts,
            Template whatsAppTemplate) {
        this.whatsAppNumbers = Map.copyOf(whatsAppNumbers);
        this.instagramAccounts = Map.copyOf(instagramAccounts);
        this.whatsAppTemplate = whatsAppTemplate;
    }

    /** No accounts: every delivery is for an unknown account (the built-in default). */
    public static ProviderAccounts none() {
        return NONE;
    }

    /**
     * The two sections of a whole channels file (other top-level keys are the caller's to check).
     *
     * @throws IllegalArgumentException naming the JSON path of what is wrong
     */
    public static ProviderAccounts fromChannelsFile(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the channels file must be a JSON object");
        }
        Map<String, Account> numbers = Map.of();
        Template template = null;
        JsonNode whatsApp = root.get("whatsapp");
        if (whatsApp != null && !whatsApp.isNull()) {
            requireObject(whatsApp, "$.whatsapp");
            onlyKeys(whatsApp, "$.whatsapp", Set.of("numbers", "template"));
            numbers = accounts(whatsApp.get("numbers"), "$.whatsapp.numbers");
            JsonNode t = whatsApp.get("template");
            if (t != null && !t.isNull()) {
                requireObject(t, "$.whatsapp.template");
                onlyKeys(t, "$.whatsapp.template", Set.of("name", "language"));
                template =
                        new Template(
                                text(t, "name", "$.whatsapp.template"),
                                text(t, "language", "$.whatsapp.template"));
            }
        }
        Map<String, Account> instagram = Map.of();
        JsonNode ig = root.get("instagram");
        if (ig != null && !ig.isNull()) {
            requireObject(ig, "$.instagram");
            onlyKeys(ig, "$.instagram", Set.of("accounts"));
            instagram = accounts(ig.get("accounts"), "$.instagram.accounts");
        }
        return new ProviderAccounts(numbers, instagram, template);
    }

    /** The same from the file's text. */
    public static ProviderAccounts fromChannelsFile(String json) {
        try {
            return fromChannelsFile(JSON.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("the channels file is not JSON: " + e.getMessage());
        }
    }

    /** The account a delivery to our {@code accountId} on {@code provider} belongs to. */
    public Optional<Account> account(Provider provider, String accountId) {
        if (accountId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(
                switch (provider) {
                    case WHATSAPP -> whatsAppNumbers.get(accountId);
                    case INSTAGRAM -> instagramAccounts.get(accountId);
                });
    }

    /** The WhatsApp template for a closed window, when one is configured. */
    public Optional<Template> whatsAppTemplate() {
        return Optional.ofNullable(whatsAppTemplate);
    }

    /** Our WhatsApp phone-number ids and their accounts. */
    public Map<String, Account> whatsAppNumbers() {
        return whatsAppNumbers;
    }

    /** Our Instagram account ids and their accounts. */
    public Map<String, Account> instagramAccounts() {
        return instagramAccounts;
    }

    private static Map<String, Account> accounts(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        requireObject(node, path);
        Map<String, Account> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String at = path + "." + f.getKey();
            if (f.getKey().isBlank()) {
                throw new IllegalArgumentException(path + " has a blank account id");
            }
            requireObject(f.getValue(), at);
            onlyKeys(f.getValue(), at, Set.of("tenant", "queue"));
            out.put(
                    f.getKey(),
                    new Account(text(f.getValue(), "tenant", at), text(f.getValue(), "queue", at)));
        }
        return out;
    }

    private static void requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + " must be an object");
        }
    }

    private static void onlyKeys(JsonNode node, String path, Set<String> allowed) {
        node.fieldNames()
                .forEachRemaining(
                        name -> {
                            if (!allowed.contains(name)) {
                                throw new IllegalArgumentException(
                                        path + "." + name + " is not a known setting " + allowed);
                            }
                        });
    }

    private static String text(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(path + "." + field + " must be a non-blank string");
        }
        return value.asText();
    }
}
