package io.ringstream.bridge.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringstream.events.Channel;
import io.ringstream.events.EventIds;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.InteractionType;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.events.Speaker;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the JSON a speech-to-text engine posts into {@code TRANSCRIPT_SEGMENT} interaction events,
 * or explains precisely why not. Pure: no I/O, so every rule is unit-tested.
 *
 * <p>The body is one segment object or an array of them; a batch is all or nothing. A segment:
 *
 * <pre>
 * {
 *   "contactId": "1709287200.42",   required: the call's contact id (Asterisk Linkedid)
 *   "speaker": "customer",          required: customer, agent or bot (any case)
 *   "text": "I was charged twice",  required: the final transcript of the segment
 *   "segmentId": "seg-17",          recommended: makes retries idempotent (stable event id)
 *   "language": "en-US",            optional: omit to let the sentiment job detect it
 *   "startMillis": 41000,           optional: offsets in the call, end >= start >= 0
 *   "endMillis": 43500,
 *   "eventTime": 1709287241000,     optional: epoch millis; default: when it was received
 *   "confidence": 0.93,             optional: the engine's confidence, 0..1
 *   "engine": "whisper",            optional: names the source, "stt:whisper"
 *   "tenant": "default",            optional: must be the caller's tenant; default: the caller's
 *   "channel": "VOICE"              optional: VOICE (default) or another Channel
 * }
 * </pre>
 *
 * Unknown fields are refused (a typo such as "speker" must not pass silently). The tenant comes
 * from the caller's credentials: a segment naming another tenant is refused with 403, whatever else
 * is wrong with the batch.
 */
public final class TranscriptSegments {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS =
            Set.of(
                    "contactId",
                    "speaker",
                    "text",
                    "segmentId",
                    "language",
                    "startMillis",
                    "endMillis",
                    "eventTime",
                    "confidence",
                    "engine",
                    "tenant",
                    "channel");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*");
    private static final Pattern ENGINE = Pattern.compile("[A-Za-z0-9._-]{1,40}");

    private final int maxSegments;

    public TranscriptSegments(int maxSegments) {
        this.maxSegments = maxSegments;
    }

    /**
     * @param receivedAt epoch millis, the event time of segments that carry none
     * @param callerTenant the tenant the caller's credentials name: the tenant of every segment
     * @throws SegmentRejected 400 for malformed JSON, 403 for a segment naming another tenant, 422
     *     for well-formed but invalid segments
     */
    public List<InteractionEvent> parse(byte[] body, long receivedAt, String callerTenant)
            throws SegmentRejected {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new SegmentRejected(
                    Problem.of(
                            400,
                            "Malformed JSON",
                            "the body is not JSON: " + e.getOriginalMessage()));
        } catch (java.io.IOException e) {
            throw new SegmentRejected(Problem.of(400, "Malformed JSON", e.getMessage()));
        }
        if (root == null || root.isMissingNode()) {
            throw new SegmentRejected(Problem.of(400, "Malformed JSON", "the body is empty"));
        }
        List<JsonNode> nodes = new ArrayList<>();
        boolean batch = root.isArray();
        if (batch) {
            root.forEach(nodes::add);
        } else {
            nodes.add(root);
        }
        if (nodes.isEmpty()) {
            throw invalid(List.of("the array holds no segment"));
        }
        if (nodes.size() > maxSegments) {
            throw invalid(
                    List.of(
                            "at most "
                                    + maxSegments
                                    + " segments per request, got "
                                    + nodes.size()));
        }
        List<String> foreign = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode tenant = nodes.get(i).get("tenant");
            if (tenant != null && tenant.isTextual() && !tenant.asText().equals(callerTenant)) {
                foreign.add((batch ? "[" + i + "]." : "") + "tenant: not your tenant");
            }
        }
        if (!foreign.isEmpty()) {
            throw new SegmentRejected(
                    new Problem(
                            403,
                            "Forbidden",
                            "your credentials are for tenant '"
                                    + callerTenant
                                    + "'; nothing was accepted",
                            foreign));
        }
        List<String> errors = new ArrayList<>();
        List<InteractionEvent> events = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String where = batch ? "[" + i + "]." : "";
            InteractionEvent e = segment(nodes.get(i), receivedAt, callerTenant, where, errors);
            if (e != null) {
                events.add(e);
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return events;
    }

    private static SegmentRejected invalid(List<String> errors) {
        return new SegmentRejected(
                new Problem(
                        422,
                        "Invalid transcript segment",
                        "nothing was accepted; fix the fields below and send the request again",
                        errors));
    }

    private static InteractionEvent segment(
            JsonNode node,
            long receivedAt,
            String callerTenant,
            String where,
            List<String> errors) {
        if (!node.isObject()) {
            errors.add(where + "segment: must be a JSON object");
            return null;
        }
        int before = errors.size();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(where + name + ": unknown field");
            }
        }
        String contactId = text(node, "contactId", true, where, errors);
        String text = text(node, "text", true, where, errors);
        String speakerText = text(node, "speaker", true, where, errors);
        Speaker speaker = null;
        if (speakerText != null) {
            try {
                speaker = Speaker.valueOf(speakerText.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(
                        where
                                + "speaker: must be customer, agent or bot, not '"
                                + speakerText
                                + "'");
            }
        }
        String segmentId = text(node, "segmentId", false, where, errors);
        String language = text(node, "language", false, where, errors);
        if (language != null && !LANGUAGE.matcher(language).matches()) {
            errors.add(
                    where + "language: must be a code such as en or es-MX, not '" + language + "'");
        }
        String engine = text(node, "engine", false, where, errors);
        if (engine != null && !ENGINE.matcher(engine).matches()) {
            errors.add(where + "engine: letters, digits, . _ - only, at most 40");
        }
        // Either absent or the caller's own: parse() refused any other before.
        text(node, "tenant", false, where, errors);
        String channelText = text(node, "channel", false, where, errors);
        Channel channel = Channel.VOICE;
        if (channelText != null) {
            try {
                channel = Channel.valueOf(channelText.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(where + "channel: unknown channel '" + channelText + "'");
            }
        }
        Long start = whole(node, "startMillis", where, errors);
        Long end = whole(node, "endMillis", where, errors);
        if (start != null && start < 0) {
            errors.add(where + "startMillis: must not be negative");
        }
        if (start != null && end != null && end < start) {
            errors.add(where + "endMillis: must not be before startMillis");
        }
        Long eventTime = whole(node, "eventTime", where, errors);
        Double confidence = null;
        JsonNode c = node.get("confidence");
        if (c != null && !c.isNull()) {
            if (!c.isNumber() || c.asDouble() < 0 || c.asDouble() > 1) {
                errors.add(where + "confidence: must be a number from 0 to 1");
            } else {
                confidence = c.asDouble();
            }
        }
        if (errors.size() > before) {
            return null;
        }
        String effectiveTenant = callerTenant;
        long time = eventTime == null ? receivedAt : eventTime;
        String id =
                segmentId != null
                        ? EventIds.of("stt", effectiveTenant, contactId, segmentId)
                        : EventIds.of(
                                "stt",
                                effectiveTenant,
                                contactId,
                                speaker.name(),
                                Long.toString(start != null ? start : time),
                                text);
        Map<String, String> attributes = new LinkedHashMap<>();
        if (segmentId != null) {
            attributes.put("segmentId", segmentId);
        }
        if (start != null) {
            attributes.put("startMillis", Long.toString(start));
        }
        if (end != null) {
            attributes.put("endMillis", Long.toString(end));
        }
        if (confidence != null) {
            attributes.put("sttConfidence", Double.toString(confidence));
        }
        InteractionEvent event =
                new InteractionEvent(
                        RingstreamEvent.CURRENT_SCHEMA_VERSION,
                        id,
                        InteractionType.TRANSCRIPT_SEGMENT,
                        effectiveTenant,
                        contactId,
                        channel,
                        time,
                        engine == null ? "stt" : "stt:" + engine,
                        speaker,
                        text,
                        language,
                        attributes);
        for (String violation : event.violations()) {
            errors.add(where + violation);
        }
        return errors.size() > before ? null : event;
    }

    private static String text(
            JsonNode node, String field, boolean required, String where, List<String> errors) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                errors.add(where + field + ": is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            errors.add(where + field + ": must be a string");
            return null;
        }
        if (required && !field.equals("text") && v.asText().isBlank()) {
            errors.add(where + field + ": must not be blank");
            return null;
        }
        return v.asText();
    }

    private static Long whole(JsonNode node, String field, String where, List<String> errors) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            errors.add(where + field + ": must be a whole number of milliseconds");
            return null;
        }
        return v.asLong();
    }
}
