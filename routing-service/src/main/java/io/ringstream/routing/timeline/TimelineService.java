package io.ringstream.routing.timeline;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.ringstream.routing.customers.CustomerResolver;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a page of a customer's timeline: resolves the id (a merged id names its survivor), asks
 * every source for its newest {@code limit + 1} items before the cursor, the ClickHouse ones in
 * parallel with the PostgreSQL ones, and merges them. ClickHouse is analytics, not the record: when
 * it fails or is slower than {@code ringstream.timeline.clickhouse-timeout} (default 5 s), the page
 * holds the PostgreSQL items and says which sources are missing, instead of failing.
 */
@Singleton
@Requires(beans = DataSource.class)
public class TimelineService {
    static final String CONTACTS = "contacts";
    static final String MESSAGES = "messages";
    static final String SLA_EVENTS = "sla-events";
    static final String SEGMENT_CHANGES = "segment-changes";

    private static final Logger LOG = LoggerFactory.getLogger(TimelineService.class);

    private final CustomerResolver resolver;
    private final PostgresTimeline postgres;
    private final ClickHouseTimeline clickHouse;
    private final ExecutorService executor;
    private final Duration clickHouseTimeout;

    public TimelineService(
            CustomerResolver resolver,
            PostgresTimeline postgres,
            ClickHouseTimeline clickHouse,
            @Named(TaskExecutors.BLOCKING) ExecutorService executor,
            @Value("${ringstream.timeline.clickhouse-timeout:5s}") Duration clickHouseTimeout) {
        this.resolver = resolver;
        this.postgres = postgres;
        this.clickHouse = clickHouse;
        this.executor = executor;
        this.clickHouseTimeout = clickHouseTimeout;
    }

    /** A ClickHouse query; throws like JDBC. */
    private interface ClickHouseQuery {
        List<TimelineItem> run(TimelineQuery q) throws Exception;
    }

    /**
     * The page of {@code limit} items before {@code before} (null: the newest), or empty when the
     * tenant has no customer {@code id}.
     */
    public Optional<TimelinePage> page(
            String tenant, UUID id, @Nullable TimelineCursor before, int limit) {
        Optional<UUID> survivor = resolver.resolveId(tenant, id);
        if (survivor.isEmpty()) {
            return Optional.empty();
        }
        TimelineQuery q =
                new TimelineQuery(
                        tenant, postgres.idsOf(tenant, survivor.get()), before, limit + 1);
        Map<String, CompletableFuture<List<TimelineItem>>> fromClickHouse = new LinkedHashMap<>();
        fromClickHouse.put(CONTACTS, async(clickHouse::contacts, q));
        fromClickHouse.put(MESSAGES, async(clickHouse::utterances, q));
        fromClickHouse.put(SLA_EVENTS, async(clickHouse::slaEvents, q));
        fromClickHouse.put(SEGMENT_CHANGES, async(clickHouse::segmentChanges, q));

        List<List<TimelineItem>> pages = new ArrayList<>(postgres.pages(q).values());
        List<String> failed = new ArrayList<>();
        long deadline = System.nanoTime() + clickHouseTimeout.toNanos();
        fromClickHouse.forEach(
                (source, future) -> {
                    try {
                        pages.add(
                                future.get(
                                        Math.max(0, deadline - System.nanoTime()),
                                        TimeUnit.NANOSECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        failed.add(source);
                    } catch (ExecutionException | TimeoutException e) {
                        future.cancel(true);
                        LOG.warn(
                                "Timeline source {} failed; answering without it",
                                source,
                                e instanceof ExecutionException ? e.getCause() : e);
                        failed.add(source);
                    }
                });
        TimelineMerge.Result merged = TimelineMerge.merge(pages, limit);
        String next =
                merged.more() && !merged.items().isEmpty()
                        ? merged.items().get(merged.items().size() - 1).position().encode()
                        : null;
        return Optional.of(
                new TimelinePage(
                        survivor.get().toString(),
                        merged.items(),
                        next,
                        !failed.isEmpty(),
                        List.copyOf(failed)));
    }

    private CompletableFuture<List<TimelineItem>> async(ClickHouseQuery query, TimelineQuery q) {
        CompletableFuture<List<TimelineItem>> future = new CompletableFuture<>();
        executor.execute(
                () -> {
                    try {
                        future.complete(query.run(q));
                    } catch (Exception | LinkageError e) {
                        future.completeExceptionally(e);
                    }
                });
        return future;
    }
}
