package dev.modelstore.api.repository;

import dev.modelstore.api.ModelJobUse;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Jobs' uses of models in PostgreSQL. */
@ApplicationScoped
public class ModelJobUseRepository implements PanacheRepositoryBase<ModelJobUse, UUID> {

    /** The jobs that use the model now, oldest first. */
    public List<ModelJobUse> activeFor(UUID modelId) {
        return list("modelId = ?1 and releasedAt is null order by reservedAt", modelId);
    }

    /** How many jobs use each of the models now; models without any are absent. */
    public Map<UUID, Long> activeCounts(Collection<UUID> modelIds) {
        Map<UUID, Long> counts = new HashMap<>();
        if (modelIds.isEmpty()) {
            return counts;
        }
        getEntityManager().createQuery("select u.modelId, count(u) from ModelJobUse u where u.modelId in :ids "
                        + "and u.releasedAt is null group by u.modelId", Object[].class)
                .setParameter("ids", modelIds)
                .getResultList()
                .forEach(row -> counts.put((UUID) row[0], (Long) row[1]));
        return counts;
    }
}
