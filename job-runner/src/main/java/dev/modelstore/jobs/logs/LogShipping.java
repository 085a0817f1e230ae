package dev.modelstore.jobs.logs;

import dev.modelstore.events.JobLogLines;
import dev.modelstore.jobs.Job;
import dev.modelstore.jobs.JobStatus;
import dev.modelstore.jobs.JobWorker;
import dev.modelstore.jobs.WorkerStatus;
import dev.modelstore.jobs.repository.JobRepository;
import dev.modelstore.jobs.repository.JobWorkerRepository;
import dev.modelstore.jobs.workspace.WorkerFolders;
import dev.modelstore.jobs.workspace.WorkerLogs;
import dev.modelstore.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Ships one job's new output to its live log: for each worker, the lines of {@code worker.log} past
 * the position shipped last (following a rotation to {@code worker.log.1}), as {@link JobLogLines}
 * events in the outbox, in the same transaction as the new position, under the job's row lock. When
 * the job has ended and every worker's output is shipped, its last event says {@code ended}.
 */
@ApplicationScoped
public class LogShipping {

    /** The most bytes one event carries. */
    static final int EVENT_BYTES = 64 * 1024;
    /** The most lines one event carries. */
    static final int EVENT_LINES = 200;
    /** The most events one worker ships per round, so a chatty worker cannot hold the others up. */
    static final int EVENTS_PER_ROUND = 10;
    /** The most output one worker ships to the live log; the whole log stays readable at GET /job/{id}/logs. */
    static final long WORKER_BYTES = 16L * 1024 * 1024;
    /** The most lines one worker ships to the live log (a flood of short lines ends the live log as soon as a big one). */
    static final long WORKER_LINES = 50_000;

    private final JobRepository jobs;
    private final JobWorkerRepository workers;
    private final WorkerFolders folders;
    private final Outbox outbox;

    LogShipping(JobRepository jobs, JobWorkerRepository workers, WorkerFolders folders, Outbox outbox) {
        this.jobs = jobs;
        this.workers = workers;
        this.folders = folders;
        this.outbox = outbox;
    }

    /** The jobs whose live log has not ended. */
    @Transactional
    public List<UUID> open() {
        return jobs.find("select id from Job where logEnded = false and status <> ?1", JobStatus.NEW).project(UUID.class).list();
    }

    /** Ships what the job's workers wrote since the last round; ends the job's log once all of it is shipped. */
    @Transactional
    public void ship(UUID jobId) throws IOException {
        Job job = jobs.findForUpdate(jobId).orElse(null);
        if (job == null || job.logEnded) {
            return;
        }
        boolean allShipped = true;
        boolean allExited = true;
        for (JobWorker worker : workers.ofJob(jobId)) {
            boolean exited = worker.status.isTerminal() || worker.status == WorkerStatus.SAVING;
            allExited &= exited;
            if (worker.status != WorkerStatus.WAITING || worker.logFileKey != null) {
                allShipped &= shipWorker(job, worker, exited);
            }
        }
        if (job.status.isTerminal() && allExited && allShipped) {
            job.logEnded = true;
            outbox.append(new JobLogLines(UUID.randomUUID(), now(), job.id, job.projectId, JobLogLines.DATA_WORKER, null,
                    List.of(), true));
        }
    }

    /**
     * Ships what a worker that just exited wrote since the last round, before its exit is noted
     * (in the caller's transaction, which holds the job's lock), so the job's steps come after the
     * worker's output.
     */
    public void exited(Job job, JobWorker worker) {
        try {
            shipWorker(job, worker, true);
        } catch (IOException e) {
            // the next round ships it
        }
    }

    /** Ships up to {@link #EVENTS_PER_ROUND} events of the worker's output; answers whether all of it is shipped. */
    private boolean shipWorker(Job job, JobWorker worker, boolean exited) throws IOException {
        if (worker.logPosition < 0) {
            return true;
        }
        Path control = folders.control(job.id, worker.number());
        Path current = control.resolve("worker.log");
        Path rotated = control.resolve("worker.log.1");
        byte[] buffer = new byte[EVENT_BYTES];
        for (int round = 0; round < EVENTS_PER_ROUND; round++) {
            String currentKey = key(current);
            Path file;
            boolean last;
            if (worker.logFileKey != null && !worker.logFileKey.equals(currentKey)) {
                if (!worker.logFileKey.equals(key(rotated))) {
                    // rotated twice since the last round, or replaced: what was between is gone
                    worker.logFileKey = currentKey;
                    worker.logPosition = 0;
                    if (currentKey != null) {
                        ship(job, worker, List.of("[modelstore] output was rotated away before it could be shown here;"
                                + " the worker's log keeps its last part: GET /job/" + job.id + "/logs?worker=" + worker.number()));
                    }
                    continue;
                }
                file = rotated;
                last = true;
            } else if (currentKey == null) {
                return true;
            } else {
                worker.logFileKey = currentKey;
                file = current;
                last = exited;
            }
            int read = WorkerLogs.read(file, worker.logPosition, buffer);
            LogLines.Cut cut = LogLines.cut(buffer, read, EVENT_LINES, last && read < buffer.length);
            if (cut.lines().isEmpty()) {
                if (file == rotated) {
                    worker.logFileKey = currentKey;
                    worker.logPosition = 0;
                    continue;
                }
                return read == 0;
            }
            worker.logPosition += cut.consumed();
            worker.logShippedBytes += cut.consumed();
            worker.logShippedLines += cut.lines().size();
            ship(job, worker, cut.lines());
            if (worker.logShippedBytes >= WORKER_BYTES || worker.logShippedLines >= WORKER_LINES) {
                worker.logPosition = -1;
                ship(job, worker, List.of("[modelstore] the live log of this worker stops after " + worker.logShippedLines
                        + " lines (" + worker.logShippedBytes + " bytes); the rest is in its log: GET /job/" + job.id
                        + "/logs?worker=" + worker.number()));
                return true;
            }
        }
        return false;
    }

    private void ship(Job job, JobWorker worker, List<String> lines) {
        Instant at = now();
        outbox.append(new JobLogLines(UUID.randomUUID(), at, job.id, job.projectId, worker.workerUuid.toString(),
                worker.number(), lines.stream().map(line -> new JobLogLines.Line(at, line)).toList(), false));
    }

    /** The file's identity (device and inode), or null when it is missing or not a regular file. */
    private static String key(Path file) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() && attributes.fileKey() != null ? attributes.fileKey().toString() : null;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
