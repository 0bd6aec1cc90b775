package io.ringstream.routing.supervisor;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.SerdeImport;
import io.ringstream.events.RoutingStatus;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.routing.alerts.AlertFeed;
import io.ringstream.routing.live.RoutingView;
import io.ringstream.routing.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * The supervisor's live picture from the routing job (queues, waiting contacts, agents) and the
 * stream of supervisor alerts. Today's ClickHouse figures stay at {@code /v1/supervisor/queues}.
 * Supervisors only, and only their own tenant's.
 */
@Controller("/v1/supervisor")
@Tag(name = "supervisor")
@Secured("SUPERVISOR")
@SerdeImport(RoutingStatus.QueueState.class)
@SerdeImport(RoutingStatus.WaitingContact.class)
@SerdeImport(RoutingStatus.AgentState.class)
@SerdeImport(SupervisorAlert.class)
public class LiveController {
    private final RoutingView view;
    private final AlertFeed alerts;

    public LiveController(RoutingView view, AlertFeed alerts) {
        this.view = view;
        this.alerts = alerts;
    }

    @Get("/live")
    @Operation(summary = "Queues with their waiting contacts, and agents with their states, now")
    public LiveView live(Authentication authentication, @Nullable @QueryValue String tenant) {
        String t = Callers.tenant(Callers.of(authentication), tenant);
        return LiveView.of(t, view.status(t).orElse(null));
    }

    /**
     * Recent alerts of the caller's tenant first, then each new one, as server-sent events named by
     * kind. A browser opens it with a one-time ticket ({@code POST /v1/auth/stream-ticket}).
     */
    @Get(value = "/alerts", produces = MediaType.TEXT_EVENT_STREAM)
    @Operation(summary = "Stream supervisor alerts (server-sent events)")
    public Publisher<Event<SupervisorAlert>> alerts(
            Authentication authentication, @Nullable @QueryValue String tenant) {
        String t = Callers.tenant(Callers.of(authentication), tenant);
        return Flux.create(
                sink -> {
                    AutoCloseable subscription =
                            alerts.subscribe(
                                    a -> {
                                        if (a.tenant().equals(t)) {
                                            sink.next(event(a));
                                        }
                                    });
                    alerts.recent(t).forEach(a -> sink.next(event(a)));
                    sink.onDispose(
                            () -> {
                                try {
                                    subscription.close();
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            });
                },
                FluxSink.OverflowStrategy.BUFFER);
    }

    private static Event<SupervisorAlert> event(SupervisorAlert a) {
        return Event.of(a).name(a.kind().name()).id(a.eventId());
    }
}
