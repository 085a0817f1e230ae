package dev.modelstore.jobs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A job folder being saved (or saved) as a new model, whose id this row carries from the start. */
@Entity
@Table(name = "folder_save")
public class FolderSave {

    /** How far a save has got. */
    public enum Status { SAVING, SAVED, FAILED }

    /** The new model's id. */
    @Id
    public UUID id;

    @Column(name = "job_id")
    public UUID jobId;

    @Column(name = "worker_number")
    public int workerNumber;

    /** {@code model} (a worker's output), {@code models} or {@code output} (a notebook's folders). */
    public String folder;

    public String name;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    @Column(name = "file_count")
    public Long fileCount;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
