package io.ringstream.sentiment.job.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.Channel;
import io.ringstream.events.EventIds;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.InteractionType;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.events.Speaker;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sentiment job scores what people wrote or said, never a provider's delivery receipt. */
class OnlyTurnsTest {
    private final OnlyTurns filter = new OnlyTurns();

    private static InteractionEvent of(InteractionType type, Speaker speaker, String text) {
        return new InteractionEvent(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                EventIds.of("t", type.name(), String.valueOf(text)),
                type,
                "default",
                "wa-c1",
                Channel.MESSAGING,
                1_750_857_384_000L,
                "whatsapp",
                speaker,
                text,
                null,
                Map.of());
    }

    @Test
    void messagesAndTranscriptSegmentsAreScored() {
        assertThat(filter.filter(of(InteractionType.CHAT_MESSAGE, Speaker.CUSTOMER, "hi")))
                .isTrue();
        assertThat(filter.filter(of(InteractionType.TRANSCRIPT_SEGMENT, Speaker.AGENT, "hello")))
                .isTrue();
    }

    @Test
    void deliveryReceiptsAreNot() {
        assertThat(filter.filter(of(InteractionType.DELIVERY_RECEIPT, Speaker.AGENT, null)))
                .isFalse();
    }
}
