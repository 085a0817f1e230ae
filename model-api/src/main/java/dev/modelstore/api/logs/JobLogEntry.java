package dev.modelstore.api.logs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One line of a job's live log, or (with {@code ended}) the mark that the job's log is complete. */
@Entity
@Table(name = "job_log")
public class JobLogEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "job_id")
    public UUID jobId;

    @Column(name = "project_id")
    public UUID projectId;

    /** {@code data_worker} or the worker's {@code job_worker_uuid}. */
    public String stream;

    public Instant at;

    public String message;

    public boolean ended;
}
