package dev.modelstore.jobs.logs;

import dev.modelstore.events.JobLogLines;
import dev.modelstore.jobs.Job;
import dev.modelstore.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The job's own steps in its live log ({@code data_worker}, as trainML's clients name the stream of
 * the model and data step): the model copy, each worker's start, exit and save. Written in the
 * caller's transaction, with the state change the line tells of.
 */
@ApplicationScoped
public class JobSteps {

    private final Outbox outbox;

    JobSteps(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Adds one line to the job's {@code data_worker} stream. */
    public void note(Job job, String line) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        outbox.append(new JobLogLines(UUID.randomUUID(), now, job.id, job.projectId, JobLogLines.DATA_WORKER, null,
                List.of(new JobLogLines.Line(now, line)), false));
    }
}
