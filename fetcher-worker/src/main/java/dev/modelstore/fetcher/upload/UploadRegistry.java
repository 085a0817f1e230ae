package dev.modelstore.fetcher.upload;

import dev.modelstore.fetcher.Ingest;
import dev.modelstore.fetcher.Upload;
import dev.modelstore.fetcher.service.IngestLedger;
import dev.modelstore.support.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
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
        if (upload.finalizingSince != null) {
            throw new ApiException(409, "the receiver is finalizing or cleaning this upload; ask for its status and "
                    + "resume");
        }
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
            upload.lastChunkAt = Instant.now();
        }
        return upload.expectedOffset;
    }

    /**
     * Claims the finalize of the upload: only one runs at a time (a claim older than
     * {@code staleAfter} is taken to be of a fetcher that died while finalizing).
     *
     * @return false when another finalize holds it
     */
    @Transactional
    public boolean claimFinalize(UUID modelId, java.time.Duration staleAfter) {
        Upload upload = entityManager.find(Upload.class, modelId, LockModeType.PESSIMISTIC_WRITE);
        Instant now = Instant.now();
        if (upload == null || (upload.finalizingSince != null && upload.finalizingSince.isAfter(now.minus(staleAfter)))) {
            return false;
        }
        upload.finalizingSince = now;
        return true;
    }

    /** Gives up the finalize claim after a finalize that can be tried again (the store failed, say). */
    @Transactional
    public void releaseFinalize(UUID modelId) {
        Upload upload = entityManager.find(Upload.class, modelId, LockModeType.PESSIMISTIC_WRITE);
        if (upload != null) {
            upload.finalizingSince = null;
        }
    }

    /** Uploads that started, then sent nothing since {@code silentSince}, and are not being finalized. */
    @Transactional
    public java.util.List<UUID> abandoned(Instant silentSince) {
        return entityManager.createQuery("select u.modelId from Upload u where u.lastChunkAt < ?1 "
                + "and u.finalizingSince is null", UUID.class).setParameter(1, silentSince).getResultList();
    }

    /**
     * Starts an abandoned upload over: the next chunk must be at offset 0 (any upload id). The upload
     * stays busy (no chunk is taken) until {@link #releaseFinalize} once its chunks are removed.
     */
    @Transactional
    public boolean reset(UUID modelId, Instant silentSince) {
        Upload upload = entityManager.find(Upload.class, modelId, LockModeType.PESSIMISTIC_WRITE);
        if (upload == null || upload.finalizingSince != null || upload.lastChunkAt == null
                || !upload.lastChunkAt.isBefore(silentSince)) {
            return false;
        }
        upload.uploadId = null;
        upload.expectedOffset = 0;
        upload.lastChunkAt = null;
        upload.finalizingSince = Instant.now();
        return true;
    }

    /** The offset the receiver expects next for the upload id, or empty when the id is not the one being received. */
    @Transactional
    public Optional<Long> expected(UUID modelId, String uploadId) {
        Upload upload = entityManager.find(Upload.class, modelId);
        return upload != null && (upload.uploadId == null || upload.uploadId.equals(uploadId))
                ? Optional.of(upload.uploadId == null ? 0L : upload.expectedOffset) : Optional.empty();
    }
}
