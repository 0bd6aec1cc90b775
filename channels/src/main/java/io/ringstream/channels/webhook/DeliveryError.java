package io.ringstream.channels.webhook;

/**
 * Why a provider could not deliver our message (WhatsApp's {@code errors[]} entry), kept so an
 * agent sees "outside the 24-hour window" rather than just "failed".
 *
 * @param code the provider's error code (e.g. 131047)
 * @param title its short title
 * @param details the longer explanation ({@code error_data.details}), or null
 */
public record DeliveryError(long code, String title, String details) {}
