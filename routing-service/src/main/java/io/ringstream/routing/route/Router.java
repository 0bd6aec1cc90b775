package io.ringstream.routing.route;

import io.ringstream.events.Assignment;
import io.ringstream.events.EventIds;
import io.ringstream.events.RoutingCommand;
import io.ringstream.events.RoutingCommand.ContactSpec;
import io.ringstream.events.RoutingCommandType;
import io.ringstream.events.topics.Components;
import io.ringstream.routing.contract.RouteAnswer;
import io.ringstream.routing.contract.RouteRequest;
import io.ringstream.routing.kafka.CommandSink;
import io.ringstream.routing.live.BoundedMap;
import io.ringstream.routing.live.Position;
import io.ringstream.routing.live.RoutingView;
import io.ringstream.routing.screenpop.CallerIdentifier;
import io.ringstream.routing.screenpop.ChannelIdentifier;
import io.ringstream.routing.screenpop.Identification;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Answers the PBX's route requests: queues a contact with the routing job once, then waits a
 * bounded time for its offer, and otherwise says where it stands. Plain Java; the controller is
 * glue.
 *
 * <p>Idempotent per contact: the command's event id is derived from tenant and contact, this
 * instance sends it at most once per contact it remembers, and the routing job ignores a contact it
 * already holds, so a dialplan loop can ask as often as it likes.
 *
 * <p>A transfer names the offer the contact leaves. Its command is sent once per contact and offer,
 * and from then on that offer is no longer the contact's target here, even for asks that do not
 * repeat the transfer, so the dialplan's wait loop never connects the caller back to the agent who
 * handed it on.
 *
 * <p>A request that names no customer but the caller's number is identified first ({@link
 * CallerIdentifier}: bounded, and once per contact), and the command carries the customer found, so
 * the routing job applies its tier and preferred agent. A chat or messaging request that names no
 * customer but the visitor's identity is linked the same way ({@link ChannelIdentifier}: the
 * customer holding it, or a new one), so the offer carries the customer and the desktop its card.
 */
public final class Router {
    public static final String SOURCE = Components.ROUTING_SERVICE;
    static final long MAX_WAIT_MILLIS = 30_000;

    private final CommandSink commands;
    private final RoutingView view;
    private final Duration defaultWait;
    private final int retryAfterSeconds;
    private final InstantSource clock;
    private final CallerIdentifier callers;
    private final ChannelIdentifier channels;
    private final Map<String, Boolean> requested = new BoundedMap<>(200_000);
    private final Map<String, String> transferredFrom = new BoundedMap<>(200_000);

    public Router(
            CommandSink commands,
            RoutingView view,
            Duration defaultWait,
            Duration retryAfter,
            InstantSource clock) {
        this(
                commands,
                view,
                defaultWait,
                retryAfter,
                clock,
                CallerIdentifier.NONE,
                ChannelIdentifier.NONE);
    }

    public Router(
            CommandSink commands,
            RoutingView view,
            Duration defaultWait,
            Duration retryAfter,
            InstantSource clock,
            CallerIdentifier callers,
            ChannelIdentifier channels) {
        this.callers = callers;
        this.channels = channels;
        this.commands = commands;
        this.view = view;
        this.defaultWait = defaultWait;
        this.retryAfterSeconds = (int) Math.max(1, retryAfter.toSeconds());
        this.clock = clock;
    }

    /**
     * The command a request stands for, CONTACT_QUEUED or (with {@code transferFrom})
     * CONTACT_TRANSFERRED; check its violations before routing.
     */
    public RoutingCommand command(String tenant, RouteRequest r) {
        return command(tenant, r, r.customerId());
    }

    /** The command a request stands for, with the contact's customer (null when unknown). */
    RoutingCommand command(String tenant, RouteRequest r, String customerId) {
        ContactSpec spec =
                new ContactSpec(
                        r.queue(),
                        r.channelOrDefault(),
                        r.skills(),
                        r.language(),
                        r.priority(),
                        customerId);
        String contactId = String.valueOf(r.contactId());
        if (r.transferFrom() != null) {
            return RoutingCommand.contactTransferred(
                    EventIds.of(SOURCE, tenant, contactId, "CONTACT_TRANSFERRED", r.transferFrom()),
                    tenant,
                    clock.millis(),
                    SOURCE,
                    r.contactId(),
                    r.transferFrom(),
                    spec);
        }
        return RoutingCommand.contactQueued(
                EventIds.of(SOURCE, tenant, contactId, "CONTACT_QUEUED"),
                tenant,
                clock.millis(),
                SOURCE,
                r.contactId(),
                spec);
    }

    /** How long a request waits: its own wish if valid, else the service default. */
    public Duration waitOf(RouteRequest r) {
        return r.waitMillis() == null ? defaultWait : Duration.ofMillis(r.waitMillis());
    }

    /**
     * Routes a valid request ({@link #command} has no violations): identifies the customer when the
     * request names an identity or a number but no customer, then routes its command with it.
     */
    public CompletableFuture<RouteAnswer> route(String tenant, RouteRequest r, Duration wait) {
        return customerOf(tenant, r).thenCompose(c -> route(command(tenant, r, c), wait));
    }

    /**
     * The request's customer, else the customer of the channel identity, else the identified
     * caller's; null when none is known. Fails with InvalidIdentityException for an identity that
     * is none.
     */
    CompletableFuture<String> customerOf(String tenant, RouteRequest r) {
        if (r.customerId() == null && r.identity() != null && r.contactId() != null) {
            return channels.identify(tenant, r.contactId(), r.identity())
                    .thenApply(Identification::customerIdText);
        }
        if (r.customerId() != null
                || r.callerNumber() == null
                || r.callerNumber().isBlank()
                || r.contactId() == null) {
            return CompletableFuture.completedFuture(r.customerId());
        }
        return callers.identify(tenant, r.contactId(), r.callerNumber(), r.channelOrDefault())
                .thenApply(Identification::customerIdText);
    }

    /**
     * Routes a valid CONTACT_QUEUED or CONTACT_TRANSFERRED command. Completes exceptionally only
     * when the command could not be sent.
     */
    public CompletableFuture<RouteAnswer> route(RoutingCommand command, Duration wait) {
        String tenant = command.tenant();
        String contactId = command.contactId();
        String key = tenant + '\u001f' + contactId;
        boolean transfer = command.type() == RoutingCommandType.CONTACT_TRANSFERRED;
        String left;
        synchronized (transferredFrom) {
            if (transfer) {
                transferredFrom.put(key, command.offerId());
            }
            left = transferredFrom.get(key);
        }
        Assignment target =
                view.target(tenant, contactId).filter(a -> !a.offerId().equals(left)).orElse(null);
        if (target != null) {
            return CompletableFuture.completedFuture(
                    RouteAnswers.connect(target, command.contact().customerId()));
        }
        String sentKey = transfer ? key + '\u001f' + command.offerId() : key;
        boolean first;
        synchronized (requested) {
            first = !requested.containsKey(sentKey);
        }
        CompletableFuture<Void> sent =
                first
                        ? commands.send(command)
                                .thenRun(
                                        () -> {
                                            synchronized (requested) {
                                                requested.put(sentKey, Boolean.TRUE);
                                            }
                                        })
                        : CompletableFuture.completedFuture(null);
        return sent.thenCompose(
                ignored -> {
                    CompletableFuture<Assignment> next = view.nextTarget(tenant, contactId, left);
                    return next.completeOnTimeout(null, wait.toMillis(), TimeUnit.MILLISECONDS)
                            .thenApply(
                                    a ->
                                            a != null
                                                    ? RouteAnswers.connect(
                                                            a, command.contact().customerId())
                                                    : waiting(command));
                });
    }

    private RouteAnswer waiting(RoutingCommand command) {
        Position p =
                view.position(command.tenant(), command.contactId(), command.contact().queue())
                        .orElse(new Position(command.contact().queue(), null, null));
        return RouteAnswers.waiting(
                command.tenant(),
                command.contactId(),
                p,
                retryAfterSeconds,
                command.contact().customerId());
    }
}
