package dev.modelstore.api.listing;

import dev.modelstore.api.Model;
import dev.modelstore.api.repository.ModelRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a {@link ModelListQuery} for one project: the filters, the order (ties by id), and keyset
 * pagination, so that a page costs the same on the 100th page as on the first (index
 * {@code model_by_project}, {@code (project_id, created_at)}).
 */
@ApplicationScoped
public class ModelListing {

    /** One page, and the cursor of the next one (null on the last page). */
    public record Page(List<Model> models, ListCursor next) {
    }

    private final ModelRepository models;

    ModelListing(ModelRepository models) {
        this.models = models;
    }

    /** The page of the project's models the query asks for. */
    @Transactional
    public Page list(UUID projectId, ModelListQuery query) {
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
        if (query.nameContains() != null) {
            where.append(" and lower(name) like :name escape '!'");
            params.put("name", "%" + query.nameContains().toLowerCase().replace("!", "!!").replace("%", "!%")
                    .replace("_", "!_") + "%");
        }
        if (query.createdAfter() != null) {
            where.append(" and createdAt > :after");
            params.put("after", query.createdAfter());
        }
        if (query.createdBefore() != null) {
            where.append(" and createdAt < :before");
            params.put("before", query.createdBefore());
        }
        ModelSort sort = query.sort();
        if (query.cursor() != null) {
            String op = sort.ascending ? ">" : "<";
            where.append(" and (").append(sort.expression).append(' ').append(op).append(" :value or (")
                    .append(sort.expression).append(" = :value and id ").append(op).append(" :lastId))");
            params.put("value", value(sort, query.cursor().value()));
            params.put("lastId", query.cursor().id());
        }
        String direction = sort.ascending ? " asc" : " desc";
        String hql = where + " order by " + sort.expression + direction + ", id" + direction;
        List<Model> found = models.find(hql, params).page(0, query.limit() + 1).list();
        if (found.size() <= query.limit()) {
            return new Page(found, null);
        }
        List<Model> page = found.subList(0, query.limit());
        Model last = page.get(page.size() - 1);
        return new Page(List.copyOf(page), new ListCursor(sort, text(sort, last), last.id));
    }

    private static Object value(ModelSort sort, String text) {
        try {
            return switch (sort) {
                case NEWEST, OLDEST -> Instant.parse(text);
                case LARGEST, SMALLEST -> Long.parseLong(text);
                case NAME, NAME_DESC -> text;
            };
        } catch (RuntimeException e) {
            throw dev.modelstore.support.rest.ApiException.badRequest("cursor is not valid: pass back the cursor of the "
                    + "previous page's next link as it was");
        }
    }

    private static String text(ModelSort sort, Model model) {
        return switch (sort) {
            case NEWEST, OLDEST -> model.createdAt.toString();
            case LARGEST, SMALLEST -> String.valueOf(model.sizeBytes == null ? 0 : model.sizeBytes);
            case NAME, NAME_DESC -> model.name;
        };
    }
}
