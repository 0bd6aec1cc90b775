package io.ringstream.gateway.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.channels.webhook.DeliveryStatus;
import io.ringstream.channels.webhook.Provider;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.InteractionType;
import org.junit.jupiter.api.Test;

/**
 * A provider's delivery status of a reply the gateway sent becomes a DELIVERY_RECEIPT interaction
 * of that reply's conversation, and without one, none.
 */
class ReceiptEventsTest {
    private final ReceiptEvents receipts = new ReceiptEvents();
    private final DeliveryStatus read =
            new DeliveryStatus(
                    Provider.WHATSAPP,
                    "wamid.1",
                    "+4915112345678",
                    DeliveryStatus.State.READ,
                    1_750_857_530_000L,
                    null,
                    "420000000000007");

    @Test
    void aStatusOfASentMessageIsAReceiptOfItsConversation() {
        InteractionEvent e = receipts.receipt("acme", read, "wa-c7");

        assertThat(e.type()).isEqualTo(InteractionType.DELIVERY_RECEIPT);
        assertThat(e.tenant()).isEqualTo("acme");
        assertThat(e.contactId()).isEqualTo("wa-c7");
        assertThat(e.text()).isNull();
        assertThat(e.attributes()).containsEntry("status", "read");
        assertThat(e.violations()).isEmpty();
        assertThat(receipts.receipt("acme", read, "wa-c7").eventId()).isEqualTo(e.eventId());
    }

    @Test
    void withoutAConversationThereIsNoReceipt() {
        assertThatThrownBy(() -> receipts.receipt("acme", read, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wamid.1");
    }
}
