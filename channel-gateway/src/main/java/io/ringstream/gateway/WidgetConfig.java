package io.ringstream.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringstream.security.Caller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The chat widgets a visitor's {@code start} frame may name, from the {@code widgets} section of
 * {@code RINGSTREAM_CHANNELS_FILE}: each widget's tenant and topics, each topic's queue and skills.
 * A widget name is not a secret (it is in the page); it only chooses where a visitor's chat is
 * routed. Without a file, or a file without {@code widgets}, the built-in widget {@code demo}
 * serves tenant {@code default} with topics {@code sales} and {@code support}. Unknown keys are
 * refused at start, so a typo does not silently route chats elsewhere. Immutable.
 */
public record WidgetConfig(Map<String, Widget> widgets) {
    /**
     * The top-level keys of the channels file; {@code whatsapp} and {@code instagram} are read by
     * the providers' {@code ProviderAccounts}.
     */
    static final Set<String> FILE_KEYS = Set.of("widgets", "whatsapp", "instagram");

    private static final ObjectMapper JSON = new ObjectMapper();

    public WidgetConfig {
        widgets = Map.copyOf(widgets);
    }

    /** One widget: the tenant its chats belong to and the topics a visitor may pick. */
    public record Widget(String tenant, String defaultTopic, Map<String, Topic> topics) {
        public Widget {
            topics = Map.copyOf(topics);
            if (!topics.containsKey(defaultTopic)) {
                throw new IllegalArgumentException(
                        "defaultTopic '" + defaultTopic + "' is not one of its topics");
            }
        }

        /** The topic named, the default one for a null or blank name, or empty if unknown. */
        public Optional<Topic> topic(String name) {
            if (name == null || name.isBlank()) {
                return Optional.of(topics.get(defaultTopic));
            }
            return Optional.ofNullable(topics.get(name));
        }
    }

    /** Where a topic's chats queue, and the skills they need (skill to minimum level 1..5). */
    public record Topic(String name, String queue, Map<String, Integer> skills) {
        public Topic {
            skills = Map.copyOf(skills);
        }
    }

    /** The built-in configuration: widget {@code demo}, tenant {@code default}. */
    public static WidgetConfig builtIn() {
        return new WidgetConfig(
                Map.of(
                        "demo",
                        new Widget(
                                "default",
                                "sales",
                                Map.of(
                                        "sales", new Topic("sales", "sales", Map.of()),
                                        "support", new Topic("support", "support", Map.of())))));
    }

    /** The widget named, if configured. */
    public Optional<Widget> widget(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(widgets.get(name));
    }

    /** Reads the channels file's {@code widgets}; the built-in default when the file is null. */
    public static WidgetConfig load(Path channelsFile) {
        if (channelsFile == null) {
            return builtIn();
        }
        try {
            return parse(JSON.readTree(Files.readString(channelsFile)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the channels file " + channelsFile, e);
        }
    }

    /**
     * Parses a channels file's content.
     *
     * @throws IllegalArgumentException naming the path of what is wrong
     */
    public static WidgetConfig parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the channels file must be a JSON object");
        }
        onlyKeys(root, "$", FILE_KEYS);
        JsonNode widgets = root.get("widgets");
        if (widgets == null) {
            return builtIn();
        }
        if (!widgets.isObject() || widgets.isEmpty()) {
            throw new IllegalArgumentException("$.widgets must be a non-empty object");
        }
        Map<String, Widget> parsed = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = widgets.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            parsed.put(
                    name(e.getKey(), "$.widgets"), widget("$.widgets." + e.getKey(), e.getValue()));
        }
        return new WidgetConfig(parsed);
    }

    private static Widget widget(String path, JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + " must be an object");
        }
        onlyKeys(node, path, Set.of("tenant", "defaultTopic", "topics"));
        String tenant = name(text(node, path, "tenant"), path + ".tenant");
        JsonNode topics = node.get("topics");
        if (topics == null || !topics.isObject() || topics.isEmpty()) {
            throw new IllegalArgumentException(path + ".topics must be a non-empty object");
        }
        Map<String, Topic> parsed = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = topics.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String topicPath = path + ".topics." + e.getKey();
            parsed.put(name(e.getKey(), topicPath), topic(topicPath, e.getKey(), e.getValue()));
        }
        String defaultTopic =
                node.has("defaultTopic")
                        ? text(node, path, "defaultTopic")
                        : parsed.keySet().iterator().next();
        if (!parsed.containsKey(defaultTopic)) {
            throw new IllegalArgumentException(
                    path + ".defaultTopic '" + defaultTopic + "' is not one of its topics");
        }
        return new Widget(tenant, defaultTopic, parsed);
    }

    private static Topic topic(String path, String name, JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + " must be an object");
        }
        onlyKeys(node, path, Set.of("queue", "skills"));
        String queue = name(text(node, path, "queue"), path + ".queue");
        Map<String, Integer> skills = new LinkedHashMap<>();
        JsonNode s = node.get("skills");
        if (s != null) {
            if (!s.isObject()) {
                throw new IllegalArgumentException(path + ".skills must be an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode level = e.getValue();
                if (!level.isInt() || level.asInt() < 1 || level.asInt() > 5) {
                    throw new IllegalArgumentException(
                            path + ".skills." + e.getKey() + " must be an integer 1..5");
                }
                skills.put(name(e.getKey(), path + ".skills"), level.asInt());
            }
        }
        return new Topic(name, queue, skills);
    }

    private static void onlyKeys(JsonNode node, String path, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(
                        path + "." + key + " is not a known key (known: " + allowed + ")");
            }
        }
    }

    private static String text(JsonNode node, String path, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(path + "." + field + " must be a non-blank string");
        }
        return value.asText();
    }

    private static String name(String value, String path) {
        if (!Caller.NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    path + ": '" + value + "' must match " + Caller.NAME);
        }
        return value;
    }
}
