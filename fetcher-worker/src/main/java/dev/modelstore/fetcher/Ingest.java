package dev.modelstore.fetcher;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One model's ingest: the attempt that owns it and how it ended. */
@Entity
@Table(name = "ingest")
public class Ingest {

    @Id
    @Column(name = "model_id")
    public UUID modelId;

    @Column(name = "project_id")
    public UUID projectId;

    @Column(name = "request_event_id")
    public UUID requestEventId;

    @Column(name = "attempt_id")
    public UUID attemptId;

    @Enumerated(EnumType.STRING)
    public IngestStatus status;

    public String worker;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    @Column(name = "file_count")
    public Long fileCount;

    public String reason;

    /** The ModelRequested event (JSON) of an ingest that is queued or running: any fetcher can run it from this. */
    public String request;

    /** When the request was queued. */
    @Column(name = "queued_at")
    public Instant queuedAt;

    /** When the fetcher running it last said it still does. */
    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;
}
