package dev.modelstore.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A project's storage quota, when an operator set one. */
@Entity
@Table(name = "project_quota")
public class ProjectQuota {

    @Id
    @Column(name = "project_id")
    public UUID projectId;

    @Column(name = "quota_bytes")
    public long quotaBytes;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
