package dev.modelstore.fetcher.export;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One export as the fleet runs it: its request, the attempt that owns it, and how it ended. */
@Entity
@Table(name = "export")
public class Export {

    /** Where an export stands in the fleet. */
    public enum State {
        QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED
    }

    @Id
    public UUID id;

    @Column(name = "model_id")
    public UUID modelId;

    @Column(name = "project_id")
    public UUID projectId;

    @Column(name = "output_type")
    public String outputType;

    @Enumerated(EnumType.STRING)
    public State status;

    /** The {@code ModelExportRequested} event, as JSON. */
    public String request;

    /** For local exports: the SHA-256 of the download token. */
    @Column(name = "token_hash")
    public String tokenHash;

    public String worker;

    @Column(name = "attempt_id")
    public UUID attemptId;

    /** Whether the target was found free of clashes (so that a taken-over attempt does not clash with its own objects). */
    @Column(name = "clash_checked")
    public boolean clashChecked;

    /** For local exports: whether the archive was sent in full at least once (a finalize may then complete it). */
    public boolean downloaded;

    public long bytes;

    public long files;

    public String reason;

    @Column(name = "queued_at")
    public Instant queuedAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
