package io.ringstream.gateway.providers;

/** What became of an agent's reply at the provider, for the agent's desktop and the transcript. */
public sealed interface SendOutcome {

    /**
     * The provider accepted the message (free-form, or the configured template when the service
     * window was closed).
     *
     * @param template the template sent instead of the text, or null for free-form
     */
    record Sent(String providerMessageId, String template) implements SendOutcome {}

    /** Not sent, by the service-window rules or configuration; {@code reason} is for the agent. */
    record Refused(String reason) implements SendOutcome {}

    /** Not sent after every retry; {@code reason} says what the provider or the network said. */
    record Failed(String reason) implements SendOutcome {}
}
