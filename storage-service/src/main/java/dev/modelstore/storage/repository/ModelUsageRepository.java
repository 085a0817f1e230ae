package dev.modelstore.storage.repository;

import dev.modelstore.storage.ModelUsage;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import io.quarkus.panache.common.Sort;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Model sizes in PostgreSQL; a project's total is always summed from them, never kept apart. */
@ApplicationScoped
public class ModelUsageRepository implements PanacheRepositoryBase<ModelUsage, UUID> {

    /** A project's stored bytes, billed bytes and model count. */
    public record ProjectTotals(long bytes, long billedBytes, long models) {
    }

    /** The model's usage row, locked until the transaction ends. */
    public Optional<ModelUsage> findForUpdate(UUID modelId) {
        return findByIdOptional(modelId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Bytes and models stored for the project right now. */
    public ProjectTotals totals(UUID projectId) {
        Object[] row = (Object[]) getEntityManager().createQuery(
                        "select coalesce(sum(u.sizeBytes), 0), coalesce(sum(u.billedBytes), 0), count(u) from ModelUsage u "
                                + "where u.projectId = ?1 and u.state = ?2")
                .setParameter(1, projectId)
                .setParameter(2, ModelUsage.State.STORED)
                .getSingleResult();
        return new ProjectTotals(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
    }

    /** The project's largest stored models. */
    public List<ModelUsage> largest(UUID projectId, int count) {
        return find("projectId = ?1 and state = ?2", Sort.descending("sizeBytes"), projectId, ModelUsage.State.STORED)
                .page(0, count).list();
    }

    /** The largest stored models of all projects. */
    public List<ModelUsage> largest(int count) {
        return find("state", Sort.descending("sizeBytes"), ModelUsage.State.STORED).page(0, count).list();
    }

    /** Every stored model. */
    public List<ModelUsage> stored() {
        return list("state", ModelUsage.State.STORED);
    }
}
