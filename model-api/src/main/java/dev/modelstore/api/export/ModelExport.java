package dev.modelstore.api.export;

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

/** One export of a model: its target, how far it got and how it ended. */
@Entity
@Table(name = "model_export")
public class ModelExport {

    @Id
    public UUID id;

    @Column(name = "model_id")
    public UUID modelId;

    @Column(name = "project_id")
    public UUID projectId;

    @Column(name = "output_type")
    public String outputType;

    @Column(name = "output_uri")
    public String outputUri;

    @Column(name = "output_options")
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> outputOptions;

    @Enumerated(EnumType.STRING)
    public ExportStatus status;

    public long bytes;

    public long files;

    @Column(name = "total_bytes")
    public Long totalBytes;

    @Column(name = "total_files")
    public Long totalFiles;

    public String reason;

    /** What the person who asked should know about a completed export. */
    public String note;

    /** For {@code local}: the download token, encrypted; shown on the model while the export runs. */
    @Column(name = "auth_token")
    public byte[] authToken;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
