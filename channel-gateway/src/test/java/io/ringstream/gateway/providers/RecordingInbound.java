package io.ringstream.gateway.providers;

import io.ringstream.channels.webhook.DeliveryStatus;
import io.ringstream.channels.webhook.InboundMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The conversations side as the webhook tests see it: what it was handed, with the tenant. */
class RecordingInbound implements ProviderInbound {
    record Message(String tenant, InboundMessage message) {}

    record Status(String tenant, DeliveryStatus status) {}

    final List<Message> messages = new CopyOnWriteArrayList<>();
    final List<Status> statuses = new CopyOnWriteArrayList<>();

    @Override
    public void message(String tenant, InboundMessage message) {
        messages.add(new Message(tenant, message));
    }

    @Override
    public void status(String tenant, DeliveryStatus status) {
        statuses.add(new Status(tenant, status));
    }
}
