package io.ringstream.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.events.serde.InvalidEventException;
import io.ringstream.events.topics.Topics;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A delivery receipt is an interaction without text; a turn without text stays invalid. */
class DeliveryReceiptInteractionTest {

    private static InteractionEvent of(InteractionType type, String text) {
        return new InteractionEvent(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                EventIds.of("whatsapp", "status", "wamid.1", "read"),
                type,
                "default",
                "wa-c1",
                Channel.MESSAGING,
                1_750_857_530_000L,
                "whatsapp",
                Speaker.AGENT,
                text,
                null,
                Map.of("status", "read"));
    }

    @Test
    void aReceiptWithoutTextIsValidAndRoundTrips() {
        InteractionEvent receipt = of(InteractionType.DELIVERY_RECEIPT, null);

        assertThat(receipt.violations()).isEmpty();
        assertThat(
                        Topics.INTERACTIONS
                                .serde()
                                .deserialize(Topics.INTERACTIONS.serde().serialize(receipt)))
                .isEqualTo(receipt);
        assertThat(InteractionType.DELIVERY_RECEIPT.isTurn()).isFalse();
    }

    @Test
    void aTurnWithoutTextIsStillRefused() {
        InteractionEvent message = of(InteractionType.CHAT_MESSAGE, null);

        assertThat(message.violations()).containsExactly("text is required");
        assertThatThrownBy(
                        () ->
                                Topics.INTERACTIONS
                                        .serde()
                                        .deserialize(
                                                Topics.INTERACTIONS.serde().serialize(message)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("text is required");
        assertThat(InteractionType.CHAT_MESSAGE.isTurn()).isTrue();
        assertThat(InteractionType.TRANSCRIPT_SEGMENT.isTurn()).isTrue();
    }
}
