package dev.modelstore.jobs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A job: workers that run commands, optionally on a copy of one model, optionally saving their model folders. */
@Entity
@Table(name = "job")
public class Job {

    /** The output type that saves each worker's model folder as a new model. */
    public static final String OUTPUT_MODEL = "model";

    @Id
    public UUID id;

    @Column(name = "project_id")
    public UUID projectId;

    public String name;

    @Column(name = "job_type")
    @Enumerated(EnumType.STRING)
    public JobType type;

    @Enumerated(EnumType.STRING)
    public JobStatus status;

    /** The model the job uses, if any. */
    @Column(name = "model_id")
    public UUID modelId;

    /** {@link #OUTPUT_MODEL} or null. */
    @Column(name = "output_type")
    public String outputType;

    @Column(name = "disk_size_gb")
    public int diskSizeGb;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> environment;

    @Column(name = "model_released")
    public boolean modelReleased;

    /** The name of the job's output model ({@code data.output_options.name}); null for {@code Job - <name>}. */
    @Column(name = "output_name")
    public String outputName;

    /** Whether the job's last live-log event ({@code ended}) was shipped. */
    @Column(name = "log_ended")
    public boolean logEnded;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Whether each worker's model folder becomes a model when it finishes. */
    public boolean savesModels() {
        return OUTPUT_MODEL.equals(outputType);
    }
}
