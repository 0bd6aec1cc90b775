package io.ringstream.routing.wallboard;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.SerdeImport;
import io.ringstream.analytics.wallboard.QueueThresholds;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.routing.alerts.AlertFeed;
import io.ringstream.routing.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * The wallboard's data: everything at once, and the stream of its changes. Supervisors only, their
 * own tenant only; a browser authenticates with the session cookie (GET only, see
 * SessionTokenReader), other clients with a bearer token. Thin glue over {@link WallboardHub}.
 */
@Controller("/v1/wallboard")
@Tag(name = "wallboard")
@Secured("SUPERVISOR")
@SerdeImport(QueueThresholds.class)
@SerdeImport(SupervisorAlert.class)
public class WallboardController {
    private final WallboardHub hub;
    private final AlertFeed alerts;
    private final WallboardThresholds thresholds;
    private final JsonMapper json;
    // One for all streams: a payload the hub fans out is written to JSON once, not per stream.
    private final SharedJson shared;

    public WallboardController(
            WallboardHub hub, AlertFeed alerts, WallboardThresholds thresholds, JsonMapper json) {
        this.hub = hub;
        this.alerts = alerts;
        this.thresholds = thresholds;
        this.json = json;
        this.shared = new SharedJson(value -> write(json, value));
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "The wallboard now: thresholds, live figures, today's KPIs, alerts")
    public WallboardView wallboard(
            Authentication authentication, @Nullable @QueryValue String tenant) {
        String t = Callers.tenant(Callers.of(authentication), tenant);
        return new WallboardView(t, thresholds.map(), hub.live(t), hub.kpis(t), alerts.recent(t));
    }

    /**
     * Server-sent events: {@code thresholds}, {@code live}, {@code kpis} and the recent {@code
     * alert}s first, then {@code live} on each routing status, {@code kpis} on each refresh and
     * each new {@code alert}.
     */
    @Get(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    @Operation(summary = "Stream the wallboard's changes (server-sent events)")
    public Publisher<Event<String>> stream(
            Authentication authentication, @Nullable @QueryValue String tenant) {
        String t = Callers.tenant(Callers.of(authentication), tenant);
        return Flux.create(
                sink -> {
                    WallboardStream stream = new WallboardStream(sink, shared);
                    AutoCloseable subscription = hub.subscribe(t, stream);
                    sink.onDispose(
                            () -> {
                                try {
                                    subscription.close();
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            });
                    stream.start(
                            thresholds.map(),
                            hub.live(t),
                            hub.latestKpis(t).orElse(null),
                            alerts.recent(t));
                },
                FluxSink.OverflowStrategy.BUFFER);
    }

    static String write(JsonMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
