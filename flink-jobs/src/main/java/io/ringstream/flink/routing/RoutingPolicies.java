package io.ringstream.flink.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringstream.routing.core.QueuePolicy;
import io.ringstream.routing.core.RoutingConfig;
import io.ringstream.routing.core.RoutingStep;
import io.ringstream.routing.core.Strategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the queues' routing policies from JSON (the file named by {@code
 * RINGSTREAM_ROUTING_POLICIES}), so operators configure steps, strategies and timeouts without
 * code. Durations are in seconds (decimals allowed). Example:
 *
 * <pre>{@code
 * {"queues": {"support": {
 *     "steps": [{"seconds": 15, "minProficiency": 4},
 *               {"seconds": 30, "minProficiency": 2, "overflow": ["sales"]},
 *               {"anyAgent": true}],
 *     "strategy": "BEST_FIT", "offerTimeoutSeconds": 20, "wrapUpSeconds": 30, "maxMisses": 3}},
 *  "fallback": {"strategy": "LONGEST_IDLE", "offerTimeoutSeconds": 20},
 *  "tierPriority": {"gold": 2}, "seed": 1, "auditCandidates": 10,
 *  "defaultHandleTimeSeconds": 240}
 * }</pre>
 *
 * A step without {@code seconds} lasts until the contact is answered (only the last may). Missing
 * policy fields take {@link QueuePolicy#simple}'s values.
 */
public final class RoutingPolicies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RoutingPolicies() {}

    public static RoutingConfig fromFile(Path file) {
        try {
            return fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read routing policies " + file, e);
        }
    }

    /**
     * @throws IllegalArgumentException naming what is wrong
     */
    public static RoutingConfig fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("routing policies are not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("routing policies must be a JSON object");
        }
        Map<String, QueuePolicy> queues = new HashMap<>();
        JsonNode q = root.path("queues");
        for (Iterator<Map.Entry<String, JsonNode>> it = q.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            queues.put(e.getKey(), policy(e.getKey(), e.getValue()));
        }
        QueuePolicy fallback = root.has("fallback") ? policy("*", root.get("fallback")) : null;
        Map<String, Integer> tiers = new HashMap<>();
        root.path("tierPriority")
                .fields()
                .forEachRemaining(e -> tiers.put(e.getKey(), e.getValue().asInt()));
        return new RoutingConfig(
                queues,
                fallback,
                tiers,
                root.path("seed").asLong(1),
                root.path("auditCandidates").asInt(10),
                seconds(root.path("defaultHandleTimeSeconds"), Duration.ofSeconds(240)));
    }

    private static QueuePolicy policy(String queue, JsonNode node) {
        QueuePolicy base = QueuePolicy.simple(queue);
        List<RoutingStep> steps = new ArrayList<>();
        for (JsonNode s : node.path("steps")) {
            List<String> overflow = new ArrayList<>();
            s.path("overflow").forEach(o -> overflow.add(o.asText()));
            steps.add(
                    new RoutingStep(
                            s.has("seconds") ? seconds(s.get("seconds"), null) : null,
                            s.path("minProficiency").asInt(0),
                            s.path("anyAgent").asBoolean(false),
                            overflow));
        }
        Strategy strategy =
                node.has("strategy")
                        ? Strategy.valueOf(node.get("strategy").asText().toUpperCase(Locale.ROOT))
                        : base.strategy();
        return new QueuePolicy(
                queue,
                steps,
                strategy,
                seconds(node.path("offerTimeoutSeconds"), base.offerTimeout()),
                seconds(node.path("wrapUpSeconds"), base.wrapUp()),
                node.path("maxMisses").asInt(base.maxConsecutiveMisses()));
    }

    private static Duration seconds(JsonNode node, Duration fallback) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber()) {
            throw new IllegalArgumentException("expected seconds as a number, not " + node);
        }
        return Duration.ofMillis(Math.round(node.asDouble() * 1000));
    }
}
