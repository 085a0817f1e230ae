package dev.modelstore.storage.service;

import dev.modelstore.storage.ProjectQuota;
import dev.modelstore.storage.config.StorageConfig;
import dev.modelstore.storage.repository.ModelUsageRepository;
import dev.modelstore.support.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The one place storage limits are decided: the per-model limit, and a project's optional quota.
 * model-api asks before it accepts a model; fetchers ask before they ingest one.
 */
@ApplicationScoped
public class StorageLimits {

    private final StorageConfig config;
    private final ModelUsageRepository usage;
    private final EntityManager entityManager;

    StorageLimits(StorageConfig config, ModelUsageRepository usage, EntityManager entityManager) {
        this.config = config;
        this.usage = usage;
        this.entityManager = entityManager;
    }

    /**
     * What a new model of the project may take now.
     *
     * @param allowedBytes the most bytes the next model may have (the smaller of the two limits)
     * @param reason which limit {@code allowedBytes} comes from, in words for a failure reason
     */
    public record Limits(long maxModelBytes, Long quotaBytes, long usedBytes, Long headroomBytes, long allowedBytes,
            String reason) {
    }

    /** The limits for the project's next model: what its quota leaves after what is stored and what running ingests reserved. */
    @Transactional
    public Limits of(UUID projectId) {
        return limits(projectId, entityManager.find(ProjectQuota.class, projectId), null);
    }

    /**
     * Reserves {@code bytes} of the project's headroom for the model's ingest (replacing what it
     * reserved before), if they fit; the project's quota row is locked meanwhile, so parallel
     * ingests of the project never reserve more than its quota together. The answer's
     * {@code allowedBytes} is what the model may have: below {@code bytes}, nothing was reserved.
     */
    @Transactional
    public Limits reserve(UUID projectId, UUID modelId, long bytes) {
        ProjectQuota quota = entityManager.find(ProjectQuota.class, projectId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        Limits limits = limits(projectId, quota, modelId);
        if (quota != null && bytes <= limits.allowedBytes()) {
            entityManager.createNativeQuery("INSERT INTO quota_reservation (model_id, project_id, bytes, expires_at) "
                            + "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (model_id) DO UPDATE SET bytes = excluded.bytes, "
                            + "expires_at = excluded.expires_at")
                    .setParameter(1, modelId).setParameter(2, projectId).setParameter(3, bytes)
                    .setParameter(4, Instant.now().plus(config.reservationTtl()))
                    .executeUpdate();
        }
        return limits;
    }

    /** Ends the model's reservation (it was counted, failed or deleted); in the caller's transaction if there is one. */
    @Transactional
    public void release(UUID modelId) {
        entityManager.createNativeQuery("DELETE FROM quota_reservation WHERE model_id = ?1").setParameter(1, modelId)
                .executeUpdate();
    }

    private Limits limits(UUID projectId, ProjectQuota quota, UUID except) {
        long used = usage.totals(projectId).bytes();
        if (quota == null) {
            return new Limits(config.maxModelBytes(), null, used, null, config.maxModelBytes(), "the per-model limit");
        }
        long reserved = ((Number) entityManager.createNativeQuery("SELECT coalesce(sum(bytes), 0) FROM quota_reservation "
                        + "WHERE project_id = ?1 AND expires_at > now() AND model_id <> ?2")
                .setParameter(1, projectId).setParameter(2, except == null ? new UUID(0, 0) : except)
                .getSingleResult()).longValue();
        long headroom = Math.max(0, quota.quotaBytes - used - reserved);
        boolean quotaBinds = headroom < config.maxModelBytes();
        return new Limits(config.maxModelBytes(), quota.quotaBytes, used, headroom,
                quotaBinds ? headroom : config.maxModelBytes(),
                quotaBinds ? "the project's storage quota (" + quota.quotaBytes + " bytes, " + used + " used"
                        + (reserved > 0 ? ", " + reserved + " reserved by ingests under way" : "") + ")"
                        : "the per-model limit");
    }

    /** Sets (or with null removes) the project's quota. */
    @Transactional
    public void setQuota(UUID projectId, Long quotaBytes) {
        ProjectQuota quota = entityManager.find(ProjectQuota.class, projectId);
        if (quotaBytes == null) {
            if (quota != null) {
                entityManager.remove(quota);
            }
            return;
        }
        if (quotaBytes < 0) {
            throw ApiException.badRequest("quota_bytes must not be negative");
        }
        if (quota == null) {
            quota = new ProjectQuota();
            quota.projectId = projectId;
            quota.quotaBytes = quotaBytes;
            quota.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            entityManager.persist(quota);
        } else {
            quota.quotaBytes = quotaBytes;
            quota.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        }
    }
}
