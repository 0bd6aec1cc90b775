package io.ringstream.channels.webhook;

/**
 * A typed placeholder for a message's media: enough to show "image" in a transcript and to fetch
 * the bytes later, never the bytes themselves (a webhook body carries none). WhatsApp gives a media
 * id and a MIME type; Instagram gives a URL. Fields the provider did not send are null.
 */
public record Attachment(MessageKind kind, String mediaId, String mimeType, String url) {
    public Attachment {
        if (kind == null) {
            throw new IllegalArgumentException("an attachment has a kind");
        }
    }
}
