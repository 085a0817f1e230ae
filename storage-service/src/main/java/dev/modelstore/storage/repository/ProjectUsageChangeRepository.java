package dev.modelstore.storage.repository;

import dev.modelstore.storage.ProjectUsageChange;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Each project's totals over time. */
@ApplicationScoped
public class ProjectUsageChangeRepository implements PanacheRepositoryBase<ProjectUsageChange, Long> {

    /** The project's changes in the order they happened. */
    public List<ProjectUsageChange> history(UUID projectId) {
        return list("projectId", Sort.ascending("seq"), projectId);
    }
}
