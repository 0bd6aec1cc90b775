package io.ringstream.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Which queue a WhatsApp number's or Instagram account's conversations are routed to, read from the
 * channels file's {@code whatsapp.numbers.<id>.queue} and {@code instagram.accounts.<id>.queue}.
 * Only the queue is read here; the providers' side validates those sections in full. Keys are
 * {@code whatsapp:<id>} and {@code instagram:<id>}; {@code "*"} is the fallback, the built-in
 * widget's default queue ({@code sales}).
 */
final class ProviderQueues {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProviderQueues() {}

    static Map<String, String> load(Path channelsFile, WidgetConfig widgets) {
        Map<String, String> queues = new HashMap<>();
        String fallback =
                widgets.widgets().values().stream()
                        .findFirst()
                        .map(w -> w.topics().get(w.defaultTopic()).queue())
                        .orElse("sales");
        queues.put("*", fallback);
        if (channelsFile == null) {
            return queues;
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(channelsFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the channels file " + channelsFile, e);
        }
        read(root.path("whatsapp").path("numbers"), "whatsapp", queues);
        read(root.path("instagram").path("accounts"), "instagram", queues);
        return queues;
    }

    private static void read(JsonNode accounts, String provider, Map<String, String> queues) {
        for (Iterator<Map.Entry<String, JsonNode>> it = accounts.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode queue = e.getValue().path("queue");
            if (queue.isTextual() && !queue.asText().isBlank()) {
                queues.put(provider + ":" + e.getKey(), queue.asText());
            }
        }
    }
}
