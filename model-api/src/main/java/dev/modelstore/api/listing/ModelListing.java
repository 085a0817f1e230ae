package dev.modelstore.api.listing;

import dev.modelstore.api.Model;
import dev.modelstore.api.repository.ModelRepository;
import dev.modelstore.support.listing.Keyset;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a {@link ModelListQuery} for one project: the filters, the order (ties by id), and keyset
 * pagination, so that a page costs the same far down the list as on the first (index
 * {@code model_by_project_newest}, {@code (project_id, created_at DESC, id DESC)}).
 */
@ApplicationScoped
public class ModelListing {

    private final ModelRepository models;

    ModelListing(ModelRepository models) {
        this.models = models;
    }

    /** The page of the project's models the query asks for. */
    @Transactional
    public Keyset.Page<Model> list(UUID projectId, ModelListQuery query) {
        StringBuilder where = new StringBuilder("projectId = :project");
        Map<String, Object> params = new HashMap<>();
        params.put("project", projectId);
        if (!query.statuses().isEmpty()) {
            where.append(" and status in :statuses");
            params.put("statuses", query.statuses());
        }
        if (!query.sourceTypes().isEmpty()) {
            where.append(" and sourceType in :types");
            params.put("types", query.sourceTypes());
        }
        Keyset.nameAndCreated(where, params, query.nameContains(), query.createdAfter(), query.createdBefore());
        String hql = Keyset.query(where, params, query.sort(), query.cursor());
        return Keyset.page(models.find(hql, params).page(0, query.limit() + 1).list(), query.limit(), query.sort(), m -> m.id);
    }
}
