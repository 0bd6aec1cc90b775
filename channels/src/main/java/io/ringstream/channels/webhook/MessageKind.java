package io.ringstream.channels.webhook;

/**
 * What an inbound message is, so the agent desktop and the interactions events can show a typed
 * placeholder for what is not text instead of dropping it. Text comes first; the media kinds carry
 * an {@link Attachment} with the provider's media id or URL, to be fetched when someone needs it.
 */
public enum MessageKind {
    /** Plain text. */
    TEXT,
    IMAGE,
    AUDIO,
    VIDEO,
    /** A file (WhatsApp {@code document}, Instagram {@code file}). */
    DOCUMENT,
    STICKER,
    /** A shared location; the text is its {@code geo:} URI (RFC 5870). */
    LOCATION,
    /** Shared contact cards (WhatsApp {@code contacts}); not unpacked. */
    CONTACTS,
    /** A tap on a button or list item we sent; the text is the option's title. */
    REPLY,
    /** An emoji reaction to an earlier message; the text is the emoji (empty when removed). */
    REACTION,
    /** A shared post, reel or story (Instagram); the attachment's URL points at it. */
    SHARE,
    /** Anything else the provider sends, including what it marks unsupported. */
    UNSUPPORTED
}
