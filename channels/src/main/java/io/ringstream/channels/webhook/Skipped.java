package io.ringstream.channels.webhook;

/**
 * A well-formed part of a delivery that Ringstream deliberately does not turn into a message or
 * status (an echo of our own message, a read receipt, an account update...), returned rather than
 * silently dropped so the endpoint can count it and a test can see it.
 *
 * @param id the provider's id for the part, when it has one, or null
 * @param reason why it was skipped
 */
public record Skipped(String id, String reason) {}
