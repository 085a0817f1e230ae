package dev.modelstore.storage.repository;

import dev.modelstore.storage.ModelUsage;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;

/** Model sizes in PostgreSQL; a project's total is always summed from them, never kept apart. */
@ApplicationScoped
public class ModelUsageRepository implements PanacheRepositoryBase<ModelUsage, UUID> {

    /** A project's stored bytes and model count. */
    public record ProjectTotals(long bytes, long models) {
    }

    /** The model's usage row, locked until the transaction ends. */
    public Optional<ModelUsage> findForUpdate(UUID modelId) {
        return findByIdOptional(modelId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Bytes and models stored for the project right now. */
    public ProjectTotals totals(UUID projectId) {
        Object[] row = (Object[]) getEntityManager().createQuery(
                        "select coalesce(sum(u.sizeBytes), 0), count(u) from ModelUsage u "
                                + "where u.projectId = ?1 and u.state = ?2")
                .setParameter(1, projectId)
                .setParameter(2, ModelUsage.State.STORED)
                .getSingleResult();
        return new ProjectTotals(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }
}
