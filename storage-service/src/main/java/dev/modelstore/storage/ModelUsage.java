package dev.modelstore.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The bytes one model occupies in the store, or a tombstone once it is deleted. */
@Entity
@Table(name = "model_usage")
public class ModelUsage {

    /** Whether the model's bytes are stored or were removed. */
    public enum State { STORED, DELETED }

    @Id
    @Column(name = "model_id")
    public UUID modelId;

    @Column(name = "project_id")
    public UUID projectId;

    @Column(name = "size_bytes")
    public long sizeBytes;

    @Column(name = "file_count")
    public long fileCount;

    /** The size billed: rounded up to the billing unit. */
    @Column(name = "billed_bytes")
    public long billedBytes;

    /** When the model's bytes were first counted. */
    @Column(name = "stored_at")
    public Instant storedAt;

    @Enumerated(EnumType.STRING)
    public State state;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
