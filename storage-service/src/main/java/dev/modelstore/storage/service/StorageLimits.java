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

    /** The limits for the project's next model. */
    @Transactional
    public Limits of(UUID projectId) {
        long used = usage.totals(projectId).bytes();
        ProjectQuota quota = entityManager.find(ProjectQuota.class, projectId);
        if (quota == null) {
            return new Limits(config.maxModelBytes(), null, used, null, config.maxModelBytes(), "the per-model limit");
        }
        long headroom = Math.max(0, quota.quotaBytes - used);
        boolean quotaBinds = headroom < config.maxModelBytes();
        return new Limits(config.maxModelBytes(), quota.quotaBytes, used, headroom,
                quotaBinds ? headroom : config.maxModelBytes(),
                quotaBinds ? "the project's storage quota (" + quota.quotaBytes + " bytes, " + used + " used)"
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
