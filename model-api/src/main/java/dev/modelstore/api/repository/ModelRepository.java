package dev.modelstore.api.repository;

import dev.modelstore.api.Model;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Models in PostgreSQL. */
@ApplicationScoped
public class ModelRepository implements PanacheRepositoryBase<Model, UUID> {


    /** One model of the project. */
    public Optional<Model> findInProject(UUID modelId, UUID projectId) {
        return find("id = ?1 and projectId = ?2", modelId, projectId).firstResultOptional();
    }

    /** The model, locked until the transaction ends, so concurrent changes to it are serialised. */
    public Optional<Model> findForUpdate(UUID modelId) {
        return findByIdOptional(modelId, LockModeType.PESSIMISTIC_WRITE);
    }
}
