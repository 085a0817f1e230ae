package dev.modelstore.fetcher;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A local model's upload: its token (hashed), the client's upload id, and the next byte the receiver wants. */
@Entity
@Table(name = "upload")
public class Upload {

    @Id
    @Column(name = "model_id")
    public UUID modelId;

    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "upload_id")
    public String uploadId;

    @Column(name = "expected_offset")
    public long expectedOffset;

    /** When the last chunk was stored; an upload silent for {@code uploads.abandoned-after} is cleaned. */
    @Column(name = "last_chunk_at")
    public java.time.Instant lastChunkAt;

    /** Set while a finalize runs: one finalize per upload. */
    @Column(name = "finalizing_since")
    public java.time.Instant finalizingSince;
}
