package io.ringstream.events.topics;

/**
 * The names Ringstream's components give themselves in dead letters and event sources, declared
 * once so the topic registry can say which reader reports a topic's malformed records.
 */
public final class Components {
    private Components() {}

    /** The raw-event archive job: contact and agent events and dead letters into ClickHouse. */
    public static final String ARCHIVE_JOB = "flink:archive";

    public static final String ROUTING_JOB = "flink:routing";
    public static final String SLA_JOB = "flink:sla";
    public static final String SENTIMENT_JOB = "flink:sentiment";

    /** Conversion funnels, RFM segments and customer lifetime value (issue 11). */
    public static final String CONVERSION_JOB = "flink:conversions";

    public static final String ROUTING_SERVICE = "routing-service";

    /** The AMI side of the telephony bridge. */
    public static final String BRIDGE = "telephony-bridge";

    /** The channel gateway: web chat over WebSocket, WhatsApp and Instagram webhooks (issue 12). */
    public static final String CHANNEL_GATEWAY = "channel-gateway";

    /** The bridge's HTTP ingest of speech-to-text transcript segments. */
    public static final String TRANSCRIPT_INGEST = "telephony-bridge:ingest";
}
