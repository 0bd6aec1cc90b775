package io.ringstream.security.tickets;

import io.ringstream.security.Caller;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One-time tickets that open a server-sent event stream. A browser's {@code EventSource} cannot
 * send an {@code Authorization} header, and a bearer token in a URL ends up in logs and history; so
 * a caller with a token asks for a ticket (valid {@link #TTL}, for one stream path) and opens the
 * stream with {@code ?ticket=}. A ticket works once, for that path only.
 *
 * <p>State lifetime: a ticket lives until it is redeemed or expires; expired ones are dropped on
 * every issue, and at most {@value #MAX_OPEN} are open at once (the oldest go first).
 */
public final class StreamTickets {
    /** Long enough for a page to open its stream, short enough to be useless when leaked. */
    public static final Duration TTL = Duration.ofSeconds(30);

    static final int MAX_OPEN = 10_000;

    private record Ticket(Caller caller, String path, Instant expires) {}

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Map<String, Ticket> open = new LinkedHashMap<>();

    public StreamTickets(Clock clock) {
        this.clock = clock;
    }

    /** A new ticket for {@code caller} to open the stream at {@code path}. */
    public synchronized String issue(Caller caller, String path) {
        Instant now = clock.instant();
        dropExpired(now);
        while (open.size() >= MAX_OPEN) {
            Iterator<String> oldest = open.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        open.put(ticket, new Ticket(caller, path, now.plus(TTL)));
        return ticket;
    }

    /**
     * The caller of a ticket issued for {@code path} and not yet used or expired; the ticket is
     * used up either way.
     */
    public synchronized Optional<Caller> redeem(String ticket, String path) {
        if (ticket == null) {
            return Optional.empty();
        }
        Ticket t = open.remove(ticket);
        if (t == null || !t.path().equals(path) || !clock.instant().isBefore(t.expires())) {
            return Optional.empty();
        }
        return Optional.of(t.caller());
    }

    synchronized int openCount() {
        return open.size();
    }

    private void dropExpired(Instant now) {
        open.values().removeIf(t -> !now.isBefore(t.expires()));
    }
}
