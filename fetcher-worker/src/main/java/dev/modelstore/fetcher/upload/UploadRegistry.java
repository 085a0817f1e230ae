package dev.modelstore.fetcher.upload;

import dev.modelstore.fetcher.Ingest;
import dev.modelstore.fetcher.Upload;
import dev.modelstore.fetcher.service.IngestLedger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

/** The upload rows of local models, changed in short transactions. */
@ApplicationScoped
public class UploadRegistry {

    private final EntityManager entityManager;
    private final IngestLedger ledger;

    UploadRegistry(EntityManager entityManager, IngestLedger ledger) {
        this.entityManager = entityManager;
        this.ledger = ledger;
    }

    /** A local model now waits for its upload; a redelivered request keeps what was received. */
    @Transactional
    public void register(UUID modelId, String tokenHash) {
        if (entityManager.find(Upload.class, modelId) == null) {
            Upload upload = new Upload();
            upload.modelId = modelId;
            upload.tokenHash = tokenHash;
            entityManager.persist(upload);
        }
    }

    /** The upload a token belongs to, while its model still waits for it (the token expires with the wait). */
    @Transactional
    public Optional<Upload> byToken(String tokenHash) {
        return entityManager.createQuery("from Upload where tokenHash = ?1", Upload.class).setParameter(1, tokenHash)
                .getResultStream().findFirst().filter(u -> ledger.running(u.modelId).isPresent());
    }

    /** The running ingest of the upload's model. */
    @Transactional
    public Optional<Ingest> ingest(UUID modelId) {
        return ledger.running(modelId);
    }

    /**
     * Takes the client's upload id: the first one sticks; a different one means the client started
     * over, so the receiver starts over too.
     *
     * @return the offset the receiver expects next, and whether earlier chunks must be discarded
     */
    @Transactional
    public Expected begin(UUID modelId, String uploadId) {
        Upload upload = entityManager.find(Upload.class, modelId, LockModeType.PESSIMISTIC_WRITE);
        if (upload.uploadId == null) {
            upload.uploadId = uploadId;
            return new Expected(upload.expectedOffset, false);
        }
        if (!upload.uploadId.equals(uploadId)) {
            upload.uploadId = uploadId;
            upload.expectedOffset = 0;
            return new Expected(0, true);
        }
        return new Expected(upload.expectedOffset, false);
    }

    /** Where the receiver stands: the next offset, and whether chunks of an abandoned upload are to be removed. */
    public record Expected(long offset, boolean restart) {
    }

    /**
     * Acknowledges a stored chunk: moves the expected offset from {@code start} past it, if nothing
     * else moved it meanwhile.
     *
     * @return the expected offset after the call
     */
    @Transactional
    public long acknowledge(UUID modelId, String uploadId, long start, long next) {
        Upload upload = entityManager.find(Upload.class, modelId, LockModeType.PESSIMISTIC_WRITE);
        if (uploadId.equals(upload.uploadId) && upload.expectedOffset == start) {
            upload.expectedOffset = next;
        }
        return upload.expectedOffset;
    }

    /** The offset the receiver expects next for the upload id, or empty when the id is not the one being received. */
    @Transactional
    public Optional<Long> expected(UUID modelId, String uploadId) {
        Upload upload = entityManager.find(Upload.class, modelId);
        return upload != null && (upload.uploadId == null || upload.uploadId.equals(uploadId))
                ? Optional.of(upload.uploadId == null ? 0L : upload.expectedOffset) : Optional.empty();
    }
}
