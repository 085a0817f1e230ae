package dev.modelstore.jobs;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** One worker of a job: its command, its process, and the model its folder became. */
@Entity
@Table(name = "job_worker")
public class JobWorker {

    /** A worker's key: its job and its 1-based number. */
    @Embeddable
    public record Key(@Column(name = "job_id") UUID jobId, @Column(name = "worker_number") int number)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;

    /** The worker's id in trainML's vocabulary ({@code job_worker_uuid}): its log stream is named by it. */
    @Column(name = "worker_uuid")
    public UUID workerUuid;

    public String command;

    @Enumerated(EnumType.STRING)
    public WorkerStatus status;

    /** The operating-system process of a running worker, with its start time (so a reused pid is not mistaken for it). */
    public Long pid;

    @Column(name = "process_started")
    public Instant processStarted;

    @Column(name = "exit_code")
    public Integer exitCode;

    @Column(name = "output_model_id")
    public UUID outputModelId;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** The file key of the {@code worker.log} whose lines were shipped up to {@link #logPosition}. */
    @Column(name = "log_file_key")
    public String logFileKey;

    /** The byte position in that file up to which lines were shipped; -1 once the live log reached its cap. */
    @Column(name = "log_position")
    public long logPosition;

    /** How many lines of output were shipped to the live log in all. */
    @Column(name = "log_shipped_lines")
    public long logShippedLines;

    /** How many bytes of output were shipped to the live log in all. */
    @Column(name = "log_shipped_bytes")
    public long logShippedBytes;

    /** The worker's 1-based number. */
    public int number() {
        return key.number();
    }
}
