package io.ringstream.routing.screenpop;

import io.ringstream.events.Channel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link CallerIdentification} on a bounded executor and gives it {@code timeout}: a slow or
 * down PostgreSQL, or a full queue, makes the caller unknown for this ask (logged), and routing
 * goes on without a customer. Work that misses the deadline still finishes and records its answer,
 * which the contact's next ask (the PBX's wait loop) then reads.
 */
public final class BoundedCallerIdentifier implements CallerIdentifier {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedCallerIdentifier.class);

    private final CallerIdentification identification;
    private final Executor executor;
    private final Duration timeout;

    public BoundedCallerIdentifier(
            CallerIdentification identification, Executor executor, Duration timeout) {
        this.identification = identification;
        this.executor = executor;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<Identification> identify(
            String tenant, String contactId, String callerNumber, Channel channel) {
        CompletableFuture<Identification> work;
        try {
            work =
                    CompletableFuture.supplyAsync(
                            () -> identification.identify(tenant, contactId, callerNumber, channel),
                            executor);
        } catch (RejectedExecutionException full) {
            LOG.warn("caller of {}/{} not identified: too many lookups pending", tenant, contactId);
            return CompletableFuture.completedFuture(Identification.UNKNOWN);
        }
        return work.copy()
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(
                        e -> {
                            LOG.warn(
                                    "caller of {}/{} not identified, routed without a customer: {}",
                                    tenant,
                                    contactId,
                                    e.toString());
                            return Identification.UNKNOWN;
                        });
    }
}
