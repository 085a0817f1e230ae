package dev.modelstore.api.logs;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * A job's live log, from the lines job-runner ships ({@code job_log}); it ends at the job's end mark.
 * Should that mark never come (job-runner lost its shipping state), the stream also ends once
 * job-runner has said for {@link #GRACE} that the job is over.
 */
final class JobLogSource implements LogSource {

    /** How long a job that job-runner calls ended may go without its end mark before the stream ends anyway. */
    static final Duration GRACE = Duration.ofSeconds(30);
    /** How often job-runner is asked whether the job is over. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(10);

    private final UUID jobId;
    private final JobLogRepository log;
    private final JobLookup lookup;
    private Instant lastCheck = Instant.now();
    private Instant overSince;
    /** Whether the newest line at the history's head was the end mark (the job had ended before the stream opened). */
    private volatile boolean endedAtHead;

    JobLogSource(UUID jobId, JobLogRepository log, JobLookup lookup) {
        this.jobId = jobId;
        this.log = log;
        this.lookup = lookup;
    }

    @Override
    public Page latest(int count) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Long head = log.find("select max(id) from JobLogEntry where jobId = ?1", jobId).project(Long.class).firstResult();
            // only lines up to the head: one written meanwhile is sent live, after the history
            List<JobLogEntry> rows = count <= 0 || head == null ? List.of()
                    : log.find("jobId = ?1 and ended = false and id <= ?2 order by id desc", jobId, head).page(0, count).list();
            List<LogLine> lines = new ArrayList<>(rows.stream().map(JobLogSource::line).toList());
            Collections.reverse(lines);
            JobLogEntry newest = head == null ? null : log.findById(head);
            endedAtHead = newest != null && newest.ended;
            return new Page(lines, head == null ? 0 : head, false);
        });
    }

    @Override
    public Page after(long after, int limit) {
        List<JobLogEntry> rows = QuarkusTransaction.requiringNew().call(() -> log.after(jobId, after, limit));
        long cursor = rows.isEmpty() ? after : rows.get(rows.size() - 1).id;
        boolean ended = !rows.isEmpty() && rows.get(rows.size() - 1).ended;
        if (!ended && rows.isEmpty()) {
            ended = endedAtHead || overForAWhile();
        }
        return new Page(rows.stream().filter(row -> !row.ended).map(JobLogSource::line).toList(), cursor, ended);
    }

    private boolean overForAWhile() {
        Instant now = Instant.now();
        if (Duration.between(lastCheck, now).compareTo(CHECK_EVERY) >= 0) {
            lastCheck = now;
            JobLookup.State state = lookup.state(jobId);
            if (state == JobLookup.State.OVER || state == JobLookup.State.GONE) {
                overSince = overSince == null ? now : overSince;
            } else if (state == JobLookup.State.ACTIVE) {
                overSince = null;
            }
        }
        return overSince != null && Duration.between(overSince, now).compareTo(GRACE) >= 0;
    }

    private static LogLine line(JobLogEntry row) {
        return new LogLine(row.id, row.at, row.message, row.stream);
    }
}
