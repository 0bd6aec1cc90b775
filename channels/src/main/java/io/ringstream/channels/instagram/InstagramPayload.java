package io.ringstream.channels.instagram;

import static io.ringstream.channels.webhook.JsonFields.flag;
import static io.ringstream.channels.webhook.JsonFields.object;
import static io.ringstream.channels.webhook.JsonFields.objects;
import static io.ringstream.channels.webhook.JsonFields.optionalObject;
import static io.ringstream.channels.webhook.JsonFields.optionalObjects;
import static io.ringstream.channels.webhook.JsonFields.optionalText;
import static io.ringstream.channels.webhook.JsonFields.text;
import static io.ringstream.channels.webhook.JsonFields.wholeNumber;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringstream.channels.webhook.Attachment;
import io.ringstream.channels.webhook.InboundMessage;
import io.ringstream.channels.webhook.JsonFields;
import io.ringstream.channels.webhook.MalformedPayloadException;
import io.ringstream.channels.webhook.MessageKind;
import io.ringstream.channels.webhook.Provider;
import io.ringstream.channels.webhook.Skipped;
import io.ringstream.channels.webhook.WebhookBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an Instagram messaging webhook body ({@code object: instagram}, {@code
 * entry[].messaging[]}) into Ringstream's {@link InboundMessage}s, so the endpoint only verifies,
 * parses and hands off. The shape follows Meta's "Webhooks for Instagram Messaging" and "Instagram
 * Platform Webhook Notification Examples"; docs/channels.md has the field mapping.
 *
 * <p>Echoes ({@code message.is_echo: true}) are the copies Meta sends of messages our own account
 * sent, including the agents' replies through the send API: they are returned as {@link Skipped},
 * never as customer messages, so a reply never comes back as if the customer had written it. Other
 * messaging events without a {@code message} (read receipts, reactions, postbacks, referrals), and
 * unsent messages ({@code is_deleted}), are skipped too. Instagram sends no status of our messages
 * here, so the batch's statuses are always empty.
 *
 * <p>A body that is not the documented shape is refused whole with a {@link
 * MalformedPayloadException} naming the field's path, for the endpoint to dead-letter. The examples
 * page shows notifications wrapped in a JSON array; a body that is an array of such objects is
 * accepted as well.
 */
public final class InstagramPayload {
    /** The {@code object} of every Instagram webhook. */
    public static final String OBJECT = "instagram";

    private InstagramPayload() {}

    /** Parses a raw (already signature-checked) webhook body. */
    public static WebhookBatch parse(byte[] body) throws MalformedPayloadException {
        JsonNode root = JsonFields.parse(body);
        List<InboundMessage> messages = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        if (root.isArray()) {
            if (root.isEmpty()) {
                throw new MalformedPayloadException("$ is an empty array");
            }
            for (int i = 0; i < root.size(); i++) {
                readNotification(root.get(i), "$[" + i + "]", messages, skipped);
            }
        } else {
            readNotification(root, "$", messages, skipped);
        }
        return new WebhookBatch(messages, List.of(), skipped);
    }

    private static void readNotification(
            JsonNode root, String path, List<InboundMessage> messages, List<Skipped> skipped)
            throws MalformedPayloadException {
        if (!root.isObject()) {
            throw new MalformedPayloadException(path + " is not a JSON object");
        }
        String object = text(root, "object", path);
        if (!OBJECT.equals(object)) {
            throw new MalformedPayloadException(
                    path + ".object is '" + object + "', not '" + OBJECT + "'");
        }
        List<JsonNode> entries = objects(root, "entry", path);
        for (int e = 0; e < entries.size(); e++) {
            String entryPath = path + ".entry[" + e + "]";
            JsonNode entry = entries.get(e);
            String accountId = text(entry, "id", entryPath);
            if (entry.get("messaging") == null) {
                skipped.add(new Skipped(null, entryPath + ": not a messaging notification"));
                continue;
            }
            List<JsonNode> events = objects(entry, "messaging", entryPath);
            for (int m = 0; m < events.size(); m++) {
                readEvent(
                        events.get(m),
                        entryPath + ".messaging[" + m + "]",
                        accountId,
                        messages,
                        skipped);
            }
        }
    }

    private static void readEvent(
            JsonNode event,
            String path,
            String accountId,
            List<InboundMessage> messages,
            List<Skipped> skipped)
            throws MalformedPayloadException {
        String senderId = text(object(event, "sender", path), "id", path + ".sender");
        text(object(event, "recipient", path), "id", path + ".recipient");
        long timestampMillis = wholeNumber(event, "timestamp", path);
        if (timestampMillis < 0) {
            throw new MalformedPayloadException(path + ".timestamp is negative");
        }
        JsonNode message = optionalObject(event, "message", path);
        if (message == null) {
            skipped.add(new Skipped(null, path + ": " + eventName(event) + ", not a message"));
            return;
        }
        String messagePath = path + ".message";
        String mid = text(message, "mid", messagePath);
        if (flag(message, "is_echo", messagePath)) {
            skipped.add(new Skipped(mid, path + ": echo of a message our account sent"));
            return;
        }
        if (flag(message, "is_deleted", messagePath)) {
            skipped.add(new Skipped(mid, path + ": the customer unsent a message"));
            return;
        }
        String text = optionalText(message, "text", messagePath);
        List<Attachment> attachments = new ArrayList<>();
        List<JsonNode> given = optionalObjects(message, "attachments", messagePath);
        for (int a = 0; a < given.size(); a++) {
            String attachmentPath = messagePath + ".attachments[" + a + "]";
            JsonNode attachment = given.get(a);
            MessageKind kind = attachmentKind(text(attachment, "type", attachmentPath));
            JsonNode payload = optionalObject(attachment, "payload", attachmentPath);
            String url =
                    payload == null
                            ? null
                            : optionalText(payload, "url", attachmentPath + ".payload");
            attachments.add(new Attachment(kind, null, null, url));
        }
        MessageKind kind;
        if (flag(message, "is_unsupported", messagePath)) {
            kind = MessageKind.UNSUPPORTED;
        } else if (!attachments.isEmpty()) {
            kind = attachments.get(0).kind();
        } else if (text != null) {
            kind = MessageKind.TEXT;
        } else {
            kind = MessageKind.UNSUPPORTED;
        }
        // A customer's message is addressed to our account (recipient.id); entry.id names the
        // same account and is what the send API answers from, so it is the one recorded.
        messages.add(
                new InboundMessage(
                        Provider.INSTAGRAM,
                        accountId,
                        senderId,
                        null,
                        mid,
                        timestampMillis,
                        kind,
                        text,
                        attachments));
    }

    private static MessageKind attachmentKind(String type) {
        return switch (type) {
            case "image" -> MessageKind.IMAGE;
            case "video" -> MessageKind.VIDEO;
            case "audio" -> MessageKind.AUDIO;
            case "file" -> MessageKind.DOCUMENT;
            case "sticker", "animated_image" -> MessageKind.STICKER;
            case "share", "story_mention", "ig_reel", "reel", "ig_post" -> MessageKind.SHARE;
            default -> MessageKind.UNSUPPORTED;
        };
    }

    private static String eventName(JsonNode event) {
        for (String name :
                List.of("read", "reaction", "postback", "referral", "optin", "message_edit")) {
            if (event.has(name)) {
                return "a '" + name + "' event";
            }
        }
        return "an event";
    }
}
