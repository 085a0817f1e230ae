package dev.modelstore.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Lines a job wrote, in order, for its live log stream: a worker's output (its {@code stream} is the
 * worker's {@code job_worker_uuid}) or the job's own steps ({@code data_worker}: the model copy,
 * starts, exits, saves). The last event of a job has {@code ended} set: nothing follows it, and
 * a client attached to the job is told the stream ended. Consumers keep the lines once per event
 * id; a job's events share its key, so they arrive in the order written.
 *
 * @param stream       {@code data_worker}, or the {@code job_worker_uuid} of the worker that wrote the lines
 * @param workerNumber the worker's 1-based number, or null for {@code data_worker}
 * @param lines        at most a few hundred lines, each bounded in length
 * @param ended        whether the job has reached its end ({@code finished}, {@code failed}, {@code stopped},
 *                     {@code removed}) and every line before it was sent
 */
public record JobLogLines(
        UUID eventId,
        Instant occurredAt,
        UUID jobId,
        UUID projectId,
        String stream,
        Integer workerNumber,
        List<Line> lines,
        boolean ended)
        implements ModelstoreEvent {

    /** The stream name of a job's own steps, as trainML's clients name it. */
    public static final String DATA_WORKER = "data_worker";

    /** One line and when it was written. */
    public record Line(Instant at, String msg) {
    }

    public JobLogLines {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    @Override
    public String key() {
        return jobId.toString();
    }
}
