package io.ringstream.channels.whatsapp;

import static io.ringstream.channels.webhook.JsonFields.object;
import static io.ringstream.channels.webhook.JsonFields.objects;
import static io.ringstream.channels.webhook.JsonFields.optionalObject;
import static io.ringstream.channels.webhook.JsonFields.optionalObjects;
import static io.ringstream.channels.webhook.JsonFields.optionalText;
import static io.ringstream.channels.webhook.JsonFields.text;
import static io.ringstream.channels.webhook.JsonFields.wholeNumber;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringstream.channels.webhook.Attachment;
import io.ringstream.channels.webhook.DeliveryError;
import io.ringstream.channels.webhook.DeliveryStatus;
import io.ringstream.channels.webhook.InboundMessage;
import io.ringstream.channels.webhook.JsonFields;
import io.ringstream.channels.webhook.MalformedPayloadException;
import io.ringstream.channels.webhook.MessageKind;
import io.ringstream.channels.webhook.Provider;
import io.ringstream.channels.webhook.Skipped;
import io.ringstream.channels.webhook.WebhookBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a WhatsApp Cloud API webhook body ({@code object: whatsapp_business_account}, the {@code
 * messages} field's {@code entry[].changes[].value}) into Ringstream's {@link InboundMessage}s and
 * {@link DeliveryStatus}es, so the endpoint only verifies, parses and hands off. The shape follows
 * Meta's "messages webhook reference" and "Status messages webhook reference"; docs/channels.md has
 * the field mapping.
 *
 * <p>A body that is not that shape (not JSON, another {@code object}, a required field missing or
 * mistyped anywhere) is refused whole with a {@link MalformedPayloadException} naming the field's
 * path, for the endpoint to dead-letter: half a batch is never processed. Well-formed parts that
 * Ringstream does not use (other webhook fields, status states it does not track) come back as
 * {@link Skipped}.
 */
public final class WhatsAppPayload {
    /** The {@code object} of every WhatsApp Business Platform webhook. */
    public static final String OBJECT = "whatsapp_business_account";

    private static final Pattern WA_ID = Pattern.compile("[1-9][0-9]{5,14}");

    private WhatsAppPayload() {}

    /** Parses a raw (already signature-checked) webhook body. */
    public static WebhookBatch parse(byte[] body) throws MalformedPayloadException {
        JsonNode root = JsonFields.parse(body);
        if (!root.isObject()) {
            throw new MalformedPayloadException("$ is not a JSON object");
        }
        String object = text(root, "object", "$");
        if (!OBJECT.equals(object)) {
            throw new MalformedPayloadException(
                    "$.object is '" + object + "', not '" + OBJECT + "'");
        }
        List<InboundMessage> messages = new ArrayList<>();
        List<DeliveryStatus> statuses = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        List<JsonNode> entries = objects(root, "entry", "$");
        for (int e = 0; e < entries.size(); e++) {
            String entryPath = "$.entry[" + e + "]";
            List<JsonNode> changes = objects(entries.get(e), "changes", entryPath);
            for (int c = 0; c < changes.size(); c++) {
                String changePath = entryPath + ".changes[" + c + "]";
                JsonNode change = changes.get(c);
                String field = text(change, "field", changePath);
                if (!"messages".equals(field)) {
                    skipped.add(new Skipped(null, changePath + ": webhook field '" + field + "'"));
                    continue;
                }
                readValue(
                        object(change, "value", changePath),
                        changePath + ".value",
                        messages,
                        statuses,
                        skipped);
            }
        }
        return new WebhookBatch(messages, statuses, skipped);
    }

    private static void readValue(
            JsonNode value,
            String path,
            List<InboundMessage> messages,
            List<DeliveryStatus> statuses,
            List<Skipped> skipped)
            throws MalformedPayloadException {
        List<JsonNode> inbound = optionalObjects(value, "messages", path);
        List<JsonNode> reported = optionalObjects(value, "statuses", path);
        for (JsonNode error : optionalObjects(value, "errors", path)) {
            skipped.add(
                    new Skipped(
                            null,
                            path
                                    + ": account-level error "
                                    + optionalText(error, "code", path + ".errors[]")));
        }
        if (inbound.isEmpty() && reported.isEmpty()) {
            return;
        }
        String accountId =
                text(object(value, "metadata", path), "phone_number_id", path + ".metadata");

        Map<String, String> names = new HashMap<>();
        List<JsonNode> contacts = optionalObjects(value, "contacts", path);
        for (int i = 0; i < contacts.size(); i++) {
            String contactPath = path + ".contacts[" + i + "]";
            String waId = optionalText(contacts.get(i), "wa_id", contactPath);
            JsonNode profile = optionalObject(contacts.get(i), "profile", contactPath);
            String name =
                    profile == null
                            ? null
                            : optionalText(profile, "name", contactPath + ".profile");
            if (waId != null && name != null && !name.isBlank()) {
                names.put(waId, name);
            }
        }

        for (int i = 0; i < inbound.size(); i++) {
            messages.add(message(inbound.get(i), path + ".messages[" + i + "]", accountId, names));
        }
        for (int i = 0; i < reported.size(); i++) {
            String statusPath = path + ".statuses[" + i + "]";
            JsonNode status = reported.get(i);
            String id = text(status, "id", statusPath);
            String state = text(status, "status", statusPath);
            DeliveryStatus.State known = knownState(state);
            if (known == null) {
                skipped.add(new Skipped(id, statusPath + ": status '" + state + "' not tracked"));
                continue;
            }
            statuses.add(
                    new DeliveryStatus(
                            Provider.WHATSAPP,
                            id,
                            recipient(text(status, "recipient_id", statusPath)),
                            known,
                            seconds(status, statusPath),
                            firstError(status, statusPath),
                            accountId));
        }
    }

    private static InboundMessage message(
            JsonNode message, String path, String accountId, Map<String, String> names)
            throws MalformedPayloadException {
        String from = text(message, "from", path);
        if (!WA_ID.matcher(from).matches()) {
            throw new MalformedPayloadException(
                    path + ".from is not a phone number in international format");
        }
        String id = text(message, "id", path);
        long timestampMillis = seconds(message, path);
        String type = text(message, "type", path);

        MessageKind kind;
        String text = null;
        List<Attachment> attachments = List.of();
        switch (type) {
            case "text" -> {
                kind = MessageKind.TEXT;
                text = text(object(message, "text", path), "body", path + ".text");
            }
            case "image", "audio", "video", "document", "sticker" -> {
                kind = mediaKind(type);
                JsonNode media = object(message, type, path);
                String mediaPath = path + "." + type;
                text = optionalText(media, "caption", mediaPath);
                attachments =
                        List.of(
                                new Attachment(
                                        kind,
                                        optionalText(media, "id", mediaPath),
                                        optionalText(media, "mime_type", mediaPath),
                                        null));
            }
            case "location" -> {
                kind = MessageKind.LOCATION;
                JsonNode location = object(message, "location", path);
                text = geoUri(location, path + ".location");
            }
            case "contacts" -> kind = MessageKind.CONTACTS;
            case "button" -> {
                kind = MessageKind.REPLY;
                text = optionalText(object(message, "button", path), "text", path + ".button");
            }
            case "interactive" -> {
                kind = MessageKind.REPLY;
                text = interactiveTitle(object(message, "interactive", path), path);
            }
            case "reaction" -> {
                kind = MessageKind.REACTION;
                text = optionalText(object(message, "reaction", path), "emoji", path + ".reaction");
                if (text == null) {
                    text = "";
                }
            }
            default -> kind = MessageKind.UNSUPPORTED;
        }
        return new InboundMessage(
                Provider.WHATSAPP,
                accountId,
                "+" + from,
                names.get(from),
                id,
                timestampMillis,
                kind,
                text,
                attachments);
    }

    private static MessageKind mediaKind(String type) {
        return switch (type) {
            case "image" -> MessageKind.IMAGE;
            case "audio" -> MessageKind.AUDIO;
            case "video" -> MessageKind.VIDEO;
            case "document" -> MessageKind.DOCUMENT;
            default -> MessageKind.STICKER;
        };
    }

    private static String interactiveTitle(JsonNode interactive, String path)
            throws MalformedPayloadException {
        String interactivePath = path + ".interactive";
        for (String reply : List.of("button_reply", "list_reply")) {
            JsonNode chosen = optionalObject(interactive, reply, interactivePath);
            if (chosen != null) {
                return optionalText(chosen, "title", interactivePath + "." + reply);
            }
        }
        return null;
    }

    private static String geoUri(JsonNode location, String path) throws MalformedPayloadException {
        double latitude = coordinate(location, "latitude", path, 90);
        double longitude = coordinate(location, "longitude", path, 180);
        return "geo:" + latitude + "," + longitude;
    }

    private static double coordinate(JsonNode location, String field, String path, double bound)
            throws MalformedPayloadException {
        JsonNode value = location.get(field);
        if (value == null || !value.isNumber()) {
            throw new MalformedPayloadException(path + "." + field + " is missing or not a number");
        }
        double degrees = value.doubleValue();
        if (!(Math.abs(degrees) <= bound)) {
            throw new MalformedPayloadException(path + "." + field + " is out of range");
        }
        return degrees;
    }

    private static DeliveryStatus.State knownState(String state) {
        return switch (state.toLowerCase(Locale.ROOT)) {
            case "sent" -> DeliveryStatus.State.SENT;
            case "delivered" -> DeliveryStatus.State.DELIVERED;
            case "read" -> DeliveryStatus.State.READ;
            case "failed" -> DeliveryStatus.State.FAILED;
            default -> null;
        };
    }

    private static DeliveryError firstError(JsonNode status, String path)
            throws MalformedPayloadException {
        List<JsonNode> errors = optionalObjects(status, "errors", path);
        if (errors.isEmpty()) {
            return null;
        }
        String errorPath = path + ".errors[0]";
        JsonNode error = errors.get(0);
        long code = wholeNumber(error, "code", errorPath);
        String title = optionalText(error, "title", errorPath);
        if (title == null) {
            title = optionalText(error, "message", errorPath);
        }
        JsonNode data = optionalObject(error, "error_data", errorPath);
        String details =
                data == null ? null : optionalText(data, "details", errorPath + ".error_data");
        return new DeliveryError(code, title == null ? "" : title, details);
    }

    /** A status's recipient: a phone number becomes E.164; anything else (a group) stays as is. */
    private static String recipient(String recipientId) {
        return WA_ID.matcher(recipientId).matches() ? "+" + recipientId : recipientId;
    }

    /** WhatsApp's timestamps are epoch seconds, as a string. */
    private static long seconds(JsonNode node, String path) throws MalformedPayloadException {
        long seconds = wholeNumber(node, "timestamp", path);
        if (seconds < 0 || seconds > Long.MAX_VALUE / 1000) {
            throw new MalformedPayloadException(path + ".timestamp is out of range");
        }
        return seconds * 1000;
    }
}
