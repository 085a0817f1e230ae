package dev.modelstore.api;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A project's key for one source type; the secret is stored encrypted and never shown. */
@Entity
@Table(name = "credential")
public class Credential {

    /** A credential is identified by its project and type. */
    @Embeddable
    public record Key(@Column(name = "project_id") UUID projectId, @Column(name = "type") String type)
            implements Serializable {
    }

    @EmbeddedId
    public Key id;

    @Column(name = "key_id")
    public String keyId;

    /** AES-GCM: 12-byte nonce, then ciphertext and tag. */
    public byte[] secret;

    public String tenant;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
