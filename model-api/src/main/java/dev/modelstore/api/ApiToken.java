package dev.modelstore.api;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An API token of a project: stored as a hash, with a short hint so people can tell tokens apart. */
@Entity
@Table(name = "api_token")
public class ApiToken {

    @Id
    public UUID id;

    @Column(name = "project_id")
    public UUID projectId;

    public String name;

    @Column(name = "token_hash")
    public String tokenHash;

    /** The token's last four characters. */
    public String hint;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
