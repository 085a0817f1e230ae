package dev.modelstore.api;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One job's use of a model: active until released, then kept as a tombstone. */
@Entity
@Table(name = "model_job_use")
public class ModelJobUse {

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    @Column(name = "model_id")
    public UUID modelId;

    @Column(name = "project_id")
    public UUID projectId;

    @Column(name = "job_name")
    public String jobName;

    @Column(name = "reserved_at")
    public Instant reservedAt;

    @Column(name = "released_at")
    public Instant releasedAt;

    /** Whether the job still uses the model. */
    public boolean active() {
        return releasedAt == null;
    }
}
