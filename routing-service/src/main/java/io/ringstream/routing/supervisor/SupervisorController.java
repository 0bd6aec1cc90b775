package io.ringstream.routing.supervisor;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.SerdeImport;
import io.ringstream.events.Tenants;
import io.ringstream.routing.web.ProblemException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The supervisor's live queue figures for today; thin glue over {@link QueueStatsReader}. */
@Controller("/v1/supervisor/queues")
@SerdeImport(QueueSnapshot.class)
@ExecuteOn(TaskExecutors.BLOCKING)
public class SupervisorController {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisorController.class);

    private final QueueStatsReader reader;

    public SupervisorController(QueueStatsReader reader) {
        this.reader = reader;
    }

    @Get
    public QueuesView queues(@QueryValue(defaultValue = Tenants.DEFAULT) String tenant) {
        String valid = validTenant(tenant);
        return new QueuesView(valid, QueueSnapshot.SERVICE_LEVEL_CONVENTION, read(valid));
    }

    @Get("/{queue}")
    public QueueSnapshot queue(
            @PathVariable String queue, @QueryValue(defaultValue = Tenants.DEFAULT) String tenant) {
        validTenant(tenant);
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

    private static String validTenant(String tenant) {
        if (!TenantNames.isValid(tenant)) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "invalid-parameter",
                    "Invalid parameter",
                    "tenant must match " + TenantNames.VALID.pattern());
        }
        return tenant;
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
