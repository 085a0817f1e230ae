package dev.modelstore.api;

import dev.modelstore.events.SourceType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
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

/** A model: an immutable stored directory, its source, and where its ingest has got to. */
@Entity
@Table(name = "model")
public class Model {

    @Id
    public UUID id;

    @Column(name = "project_id")
    public UUID projectId;

    public String name;

    @Column(name = "model_type")
    public String type;

    @Enumerated(EnumType.STRING)
    public ModelStatus status;

    @Column(name = "source_type")
    @Convert(converter = SourceTypeConverter.class)
    public SourceType sourceType;

    @Column(name = "source_uri")
    public String sourceUri;

    @Column(name = "source_options")
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> sourceOptions;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    @Column(name = "file_count")
    public Long fileCount;

    @Column(name = "progress_bytes")
    public long progressBytes;

    @Column(name = "progress_files")
    public long progressFiles;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "manifest_key")
    public String manifestKey;

    /** For local models: the upload token, encrypted; shown while the model waits for its upload. */
    @Column(name = "upload_token")
    public byte[] uploadToken;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
