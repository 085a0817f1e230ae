package dev.modelstore.api.logs;

import dev.modelstore.events.JobLogLines;
import dev.modelstore.support.input.Texts;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Jobs' live-log lines in PostgreSQL, kept from {@link JobLogLines} events. */
@ApplicationScoped
public class JobLogRepository implements PanacheRepositoryBase<JobLogEntry, Long> {

    /** The longest stream name kept (a worker's UUID is 36). */
    private static final int STREAM = 64;

    /** Keeps the event's lines, and its end mark (inside the caller's transaction). */
    public void append(JobLogLines event) {
        String stream = event.stream() == null ? JobLogLines.DATA_WORKER : Texts.bounded(event.stream(), STREAM);
        for (JobLogLines.Line line : event.lines()) {
            JobLogEntry entry = entry(event, stream, line.at() == null ? event.occurredAt() : line.at());
            entry.message = Texts.bounded(line.msg() == null ? "" : line.msg(), 8192);
            persist(entry);
        }
        if (event.ended()) {
            JobLogEntry end = entry(event, stream, event.occurredAt());
            end.ended = true;
            persist(end);
        }
    }

    /** Up to {@code limit} entries of the job after {@code afterId}, oldest first. */
    public List<JobLogEntry> after(UUID jobId, long afterId, int limit) {
        return find("jobId = ?1 and id > ?2 order by id", jobId, afterId).page(0, limit).list();
    }

    /** Removes the lines older than the instant; answers how many. */
    public long deleteBefore(Instant before) {
        return delete("at < ?1", before.truncatedTo(ChronoUnit.MICROS));
    }

    private static JobLogEntry entry(JobLogLines event, String stream, Instant at) {
        JobLogEntry entry = new JobLogEntry();
        entry.jobId = event.jobId();
        entry.projectId = event.projectId();
        entry.stream = stream;
        entry.at = at.truncatedTo(ChronoUnit.MICROS);
        return entry;
    }
}
