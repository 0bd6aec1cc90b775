package io.ringstream.routing.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.EventIds;
import io.ringstream.events.RoutingCommand;
import io.ringstream.events.RoutingCommandType;
import io.ringstream.routing.kafka.RecordingCommandSink;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** Ending a contact from outside the PBX, without HTTP: one command per contact and outcome. */
class ContactServiceTest {
    private final RecordingCommandSink sink = new RecordingCommandSink();
    private final ContactService contacts =
            new ContactService(sink, InstantSource.fixed(Instant.ofEpochMilli(7_000)));

    @Test
    void endAndAbandonSendTheirCommandsWithIdsStablePerContact() {
        RoutingCommand ended = contacts.end("t", "c1").join();
        RoutingCommand endedAgain = contacts.end("t", "c1").join();
        RoutingCommand abandoned = contacts.abandon("t", "c2").join();

        assertThat(ended.type()).isEqualTo(RoutingCommandType.CONTACT_ENDED);
        assertThat(ended.eventId())
                .isEqualTo(EventIds.of("routing-service", "t", "c1", "CONTACT_ENDED"))
                .isEqualTo(endedAgain.eventId());
        assertThat(ended.eventTime()).isEqualTo(7_000);
        assertThat(ended.contactId()).isEqualTo("c1");
        assertThat(abandoned.type()).isEqualTo(RoutingCommandType.CONTACT_ABANDONED);
        assertThat(abandoned.eventId())
                .isEqualTo(EventIds.of("routing-service", "t", "c2", "CONTACT_ABANDONED"));
        assertThat(sink.sent()).containsExactly(ended, endedAgain, abandoned);
    }
}
