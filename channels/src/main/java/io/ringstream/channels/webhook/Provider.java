package io.ringstream.channels.webhook;

/** The messaging providers whose webhooks Ringstream receives, named in every record they yield. */
public enum Provider {
    WHATSAPP("whatsapp"),
    INSTAGRAM("instagram");

    private final String id;

    Provider(String id) {
        this.id = id;
    }

    /** The lower-case name used in keys and events. */
    public String id() {
        return id;
    }
}
