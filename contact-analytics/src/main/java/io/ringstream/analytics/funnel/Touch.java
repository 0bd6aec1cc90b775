package io.ringstream.analytics.funnel;

import io.ringstream.events.Channel;

/**
 * A contact handled for a customer (an agent answered it), the unit a funnel step is credited to in
 * the breakdowns by agent and channel.
 *
 * @param agentId null when only the contact id is known (a business event naming an unseen contact)
 * @param channel null when only the contact id is known
 * @param time when it was answered, epoch millis (the step's time for a contact named by the step)
 */
public record Touch(String contactId, String agentId, Channel channel, long time) {}
