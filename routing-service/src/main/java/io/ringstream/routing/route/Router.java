package io.ringstream.routing.route;

import io.ringstream.events.Assignment;
import io.ringstream.events.EventIds;
import io.ringstream.events.RoutingCommand;
import io.ringstream.events.RoutingCommand.ContactSpec;
import io.ringstream.routing.kafka.CommandSink;
import io.ringstream.routing.live.BoundedMap;
import io.ringstream.routing.live.Position;
import io.ringstream.routing.live.RoutingView;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Answers the PBX's route requests: queues a contact with the routing job once, then waits a
 * bounded time for its offer, and otherwise says where it stands. Plain Java; the controller is
 * glue.
 *
 * <p>Idempotent per contact: the command's event id is derived from tenant and contact, this
 * instance sends it at most once per contact it remembers, and the routing job ignores a contact it
 * already holds, so a dialplan loop can ask as often as it likes.
 */
public final class Router {
    public static final String SOURCE = "routing-service";
    static final long MAX_WAIT_MILLIS = 30_000;

    private final CommandSink commands;
    private final RoutingView view;
    private final Duration defaultWait;
    private final int retryAfterSeconds;
    private final LongSupplier clock;
    private final Map<String, Boolean> requested = new BoundedMap<>(200_000);

    public Router(
            CommandSink commands,
            RoutingView view,
            Duration defaultWait,
            Duration retryAfter,
            LongSupplier clock) {
        this.commands = commands;
        this.view = view;
        this.defaultWait = defaultWait;
        this.retryAfterSeconds = (int) Math.max(1, retryAfter.toSeconds());
        this.clock = clock;
    }

    /** The CONTACT_QUEUED command a request stands for; check its violations before routing. */
    public RoutingCommand command(String tenant, RouteRequest r) {
        ContactSpec spec =
                new ContactSpec(
                        r.queue(),
                        r.channel() == null ? io.ringstream.events.Channel.VOICE : r.channel(),
                        r.skills(),
                        r.language(),
                        r.priority(),
                        r.customerId());
        return RoutingCommand.contactQueued(
                EventIds.of(SOURCE, tenant, String.valueOf(r.contactId()), "CONTACT_QUEUED"),
                tenant,
                clock.getAsLong(),
                SOURCE,
                r.contactId(),
                spec);
    }

    /** How long a request waits: its own wish if valid, else the service default. */
    public Duration waitOf(RouteRequest r) {
        return r.waitMillis() == null ? defaultWait : Duration.ofMillis(r.waitMillis());
    }

    /**
     * Routes a valid CONTACT_QUEUED command. Completes exceptionally only when the command could
     * not be sent.
     */
    public CompletableFuture<RouteAnswer> route(RoutingCommand queued, Duration wait) {
        String tenant = queued.tenant();
        String contactId = queued.contactId();
        Assignment target = view.target(tenant, contactId).orElse(null);
        if (target != null) {
            return CompletableFuture.completedFuture(RouteAnswer.connect(target));
        }
        String key = tenant + '\u001f' + contactId;
        boolean first;
        synchronized (requested) {
            first = !requested.containsKey(key);
        }
        CompletableFuture<Void> sent =
                first
                        ? commands.send(queued)
                                .thenRun(
                                        () -> {
                                            synchronized (requested) {
                                                requested.put(key, Boolean.TRUE);
                                            }
                                        })
                        : CompletableFuture.completedFuture(null);
        return sent.thenCompose(
                ignored -> {
                    CompletableFuture<Assignment> next = view.nextTarget(tenant, contactId);
                    return next.completeOnTimeout(null, wait.toMillis(), TimeUnit.MILLISECONDS)
                            .thenApply(a -> a != null ? RouteAnswer.connect(a) : waiting(queued));
                });
    }

    private RouteAnswer waiting(RoutingCommand queued) {
        Position p =
                view.position(queued.tenant(), queued.contactId(), queued.contact().queue())
                        .orElse(new Position(queued.contact().queue(), null, null));
        return RouteAnswer.waiting(queued.tenant(), queued.contactId(), p, retryAfterSeconds);
    }
}
