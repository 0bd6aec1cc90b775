package io.ringstream.routing.funnels;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import io.ringstream.events.FunnelDefinition;
import io.ringstream.events.FunnelDefinition.Attribution;
import io.ringstream.events.FunnelDefinition.EventKind;
import io.ringstream.events.FunnelDefinition.OrderMode;
import io.ringstream.events.FunnelDefinition.Step;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.events.topics.Topics;
import io.ringstream.routing.outbox.Outbox;
import io.ringstream.routing.web.ProblemException;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Publishes a tenant's funnel definitions on {@code funnel-definitions}, where the conversion job
 * picks them up without a restart (docs/funnels.md). A definition is checked with {@link
 * FunnelDefinition#violations()} first, the rules the job applies, so a bad one is refused here
 * (422 with every violation) instead of becoming a dead letter. A good one is recorded in {@code
 * funnel_definitions} and appended to the outbox in one transaction: the relay publishes it, also
 * after a Kafka outage, and the record of what was published cannot disagree with the topic.
 */
@Singleton
@Requires(beans = DataSource.class)
public class FunnelService {
    /** The {@code source} of the definitions this service publishes. */
    static final String SOURCE = "routing-service";

    private final TransactionOperations<Connection> transactions;
    private final FunnelStore store;
    private final Outbox outbox;
    private final Clock clock;

    public FunnelService(
            TransactionOperations<Connection> transactions,
            FunnelStore store,
            Outbox outbox,
            Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Publishes the tenant's funnel {@code funnelId} as {@code body} says (active false withdraws
     * it).
     *
     * @throws ProblemException 422 listing every violation
     */
    public FunnelDefinition put(String tenant, String actor, String funnelId, FunnelRequest body) {
        Instant now = clock.instant();
        List<String> violations = new ArrayList<>();
        List<String> reported = new ArrayList<>();
        OrderMode orderMode =
                parse(OrderMode.class, body.orderMode(), "orderMode", violations, reported);
        Attribution attribution =
                parse(Attribution.class, body.attribution(), "attribution", violations, reported);
        List<Step> steps = null;
        if (body.steps() != null) {
            steps = new ArrayList<>();
            for (int i = 0; i < body.steps().size(); i++) {
                FunnelRequest.StepRequest s = body.steps().get(i);
                String at = "steps[" + i + "]";
                steps.add(
                        s == null
                                ? null
                                : new Step(
                                        s.name(),
                                        parse(
                                                EventKind.class,
                                                s.kind(),
                                                at + ".kind",
                                                violations,
                                                reported),
                                        s.eventType(),
                                        s.stage(),
                                        s.attributes()));
            }
        }
        FunnelDefinition definition =
                new FunnelDefinition(
                        RingstreamEvent.CURRENT_SCHEMA_VERSION,
                        UUID.randomUUID().toString(),
                        tenant,
                        now.toEpochMilli(),
                        SOURCE,
                        funnelId,
                        body.name(),
                        steps,
                        body.windowMillis() == null ? 0 : body.windowMillis(),
                        orderMode,
                        attribution,
                        body.active() == null || body.active());
        for (String v : definition.violations()) {
            // A field whose text named no known value is reported once, by its own message.
            if (reported.stream().noneMatch(field -> v.startsWith(field))) {
                violations.add(v);
            }
        }
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        return publish(definition, actor, now);
    }

    /**
     * Withdraws the tenant's funnel {@code funnelId}: its last definition again, with active false.
     *
     * @throws ProblemException 404 when the tenant never published it here
     */
    public FunnelDefinition withdraw(String tenant, String actor, String funnelId) {
        Instant now = clock.instant();
        return transactions.executeWrite(
                status -> {
                    FunnelDefinition last =
                            store.lock(tenant, funnelId)
                                    .orElseThrow(
                                            () ->
                                                    new ProblemException(
                                                            HttpStatus.NOT_FOUND,
                                                            "funnel-not-found",
                                                            "Funnel not found",
                                                            "no funnel '"
                                                                    + funnelId
                                                                    + "' was published for the"
                                                                    + " tenant; to withdraw a"
                                                                    + " default funnel, PUT it"
                                                                    + " with active false"));
                    FunnelDefinition withdrawn =
                            new FunnelDefinition(
                                    RingstreamEvent.CURRENT_SCHEMA_VERSION,
                                    UUID.randomUUID().toString(),
                                    tenant,
                                    now.toEpochMilli(),
                                    SOURCE,
                                    funnelId,
                                    last.name(),
                                    last.steps(),
                                    last.windowMillis(),
                                    last.orderMode(),
                                    last.attribution(),
                                    false);
                    store.save(withdrawn, actor, now);
                    outbox.append(Topics.FUNNEL_DEFINITIONS, withdrawn);
                    return withdrawn;
                });
    }

    /** The tenant's funnels as last published here. */
    public List<FunnelDefinition> all(String tenant) {
        return store.all(tenant);
    }

    private FunnelDefinition publish(FunnelDefinition definition, String actor, Instant now) {
        return transactions.executeWrite(
                status -> {
                    store.save(definition, actor, now);
                    outbox.append(Topics.FUNNEL_DEFINITIONS, definition);
                    return definition;
                });
    }

    private static <E extends Enum<E>> E parse(
            Class<E> type, String text, String field, List<String> violations, List<String> seen) {
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException unknown) {
            violations.add(
                    field
                            + " must be one of "
                            + Arrays.toString(type.getEnumConstants())
                            + ", got '"
                            + text
                            + "'");
            seen.add(field);
            return null;
        }
    }

    static ProblemException invalid(List<String> violations) {
        return new ProblemException(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "invalid-funnel",
                "Invalid funnel",
                String.join("; ", violations));
    }
}
