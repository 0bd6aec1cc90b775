package io.ringstream.routing.security;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.ringstream.security.tickets.StreamTickets;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * Authenticates a {@code GET} that opens a server-sent event stream with {@code ?ticket=}: a
 * browser's EventSource cannot send a bearer header. The ticket is used up by the attempt, and
 * opens only the path it was issued for (see {@link StreamTickets}).
 */
@Singleton
public class TicketAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {
    static final String PARAMETER = "ticket";

    private final StreamTickets tickets;

    public TicketAuthenticationFetcher(StreamTickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        Optional<String> ticket = request.getParameters().getFirst(PARAMETER);
        if (ticket.isEmpty() || request.getMethod() != HttpMethod.GET) {
            return Publishers.empty();
        }
        return tickets.redeem(ticket.get(), request.getPath())
                .map(Callers::authentication)
                .map(Publishers::just)
                .orElseGet(Publishers::empty);
    }
}
