package dev.modelstore.api;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A project: every model belongs to exactly one. */
@Entity
@Table(name = "project")
public class Project {

    @Id
    public UUID id;

    public String name;

    @Column(name = "is_default")
    public boolean isDefault;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
}
