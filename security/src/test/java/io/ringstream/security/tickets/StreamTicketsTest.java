package io.ringstream.security.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StreamTicketsTest {
    private static final String PATH = "/v1/agents/1001/assignments";
    private final Caller agent = Caller.of("1001", "acme", Role.AGENT);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final StreamTickets tickets = new StreamTickets(clock);

    @Test
    void aTicketOpensItsStreamOnce() {
        String ticket = tickets.issue(agent, PATH);
        assertThat(tickets.redeem(ticket, PATH)).contains(agent);
        assertThat(tickets.redeem(ticket, PATH)).isEmpty();
    }

    @Test
    void aTicketForOnePathOpensNoOtherAndIsUsedUpByTheTry() {
        String ticket = tickets.issue(agent, PATH);
        assertThat(tickets.redeem(ticket, "/v1/agents/1002/assignments")).isEmpty();
        assertThat(tickets.redeem(ticket, PATH)).isEmpty();
    }

    @Test
    void anExpiredTicketIsRefusedAndDroppedAtTheNextIssue() {
        String ticket = tickets.issue(agent, PATH);
        clock.now = clock.now.plus(StreamTickets.TTL);
        assertThat(tickets.redeem(ticket, PATH)).isEmpty();

        tickets.issue(agent, PATH);
        clock.now = clock.now.plus(StreamTickets.TTL);
        tickets.issue(agent, PATH);
        assertThat(tickets.openCount()).isEqualTo(1);
    }

    @Test
    void unknownTicketsOpenNothing() {
        assertThat(tickets.redeem(null, PATH)).isEmpty();
        assertThat(tickets.redeem("guess", PATH)).isEmpty();
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
