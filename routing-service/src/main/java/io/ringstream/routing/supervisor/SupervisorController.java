package io.ringstream.routing.supervisor;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.SerdeImport;
import io.ringstream.routing.security.Callers;
import io.ringstream.routing.web.ProblemException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor's live queue figures for today; thin glue over {@link QueueStatsReader}.
 * Supervisors only, and only their own tenant's.
 */
@Controller("/v1/supervisor/queues")
@Secured("SUPERVISOR")
@SerdeImport(QueueSnapshot.class)
@ExecuteOn(TaskExecutors.BLOCKING)
public class SupervisorController {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisorController.class);

    private final QueueStatsReader reader;

    public SupervisorController(QueueStatsReader reader) {
        this.reader = reader;
    }

    @Get
    public QueuesView queues(Authentication authentication, @Nullable @QueryValue String tenant) {
        String valid = Callers.tenant(Callers.of(authentication), tenant);
        return new QueuesView(valid, QueueSnapshot.SERVICE_LEVEL_CONVENTION, read(valid));
    }

    @Get("/{queue}")
    public QueueSnapshot queue(
            Authentication authentication,
            @PathVariable String queue,
            @Nullable @QueryValue("tenant") String requested) {
        String tenant = Callers.tenant(Callers.of(authentication), requested);
        try {
            return reader.today(tenant, queue)
                    .orElseThrow(
                            () ->
                                    new ProblemException(
                                            HttpStatus.NOT_FOUND,
                                            "unknown-queue",
                                            "Unknown queue",
                                            "queue '"
                                                    + queue
                                                    + "' has no figures today for tenant '"
                                                    + tenant
                                                    + "'"));
        } catch (QueueStatsUnavailableException e) {
            throw unavailable(e);
        }
    }

    private List<QueueSnapshot> read(String tenant) {
        try {
            return reader.today(tenant);
        } catch (QueueStatsUnavailableException e) {
            throw unavailable(e);
        }
    }

    private static ProblemException unavailable(QueueStatsUnavailableException e) {
        // The client gets a generic detail; the cause (host, SQL error) stays in our log.
        LOG.warn("Queue figures unavailable", e);
        ProblemException problem =
                new ProblemException(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "figures-unavailable",
                        "Queue figures unavailable",
                        "the analytics store did not answer");
        problem.initCause(e);
        return problem;
    }
}
