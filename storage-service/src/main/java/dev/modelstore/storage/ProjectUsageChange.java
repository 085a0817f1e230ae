package dev.modelstore.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A project's stored and billed totals from one moment until the next change. */
@Entity
@Table(name = "project_usage_change")
public class ProjectUsageChange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "project_id")
    public UUID projectId;

    public Instant at;

    @Column(name = "used_bytes")
    public long usedBytes;

    @Column(name = "billed_bytes")
    public long billedBytes;
}
