package dev.modelstore.api.export;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The exports of models. */
@ApplicationScoped
public class ModelExportRepository implements PanacheRepositoryBase<ModelExport, UUID> {

    /** The model's exports, newest first. */
    public List<ModelExport> ofModel(UUID modelId) {
        return list("modelId = ?1 order by requestedAt desc", modelId);
    }

    /** The model's queued or running export, if any. */
    public Optional<ModelExport> activeOf(UUID modelId) {
        return find("modelId = ?1 and status in ?2 order by requestedAt desc", modelId,
                List.of(ExportStatus.QUEUED, ExportStatus.RUNNING)).firstResultOptional();
    }

    /** The export, locked for a change. */
    public Optional<ModelExport> findForUpdate(UUID exportId) {
        return Optional.ofNullable(findById(exportId, LockModeType.PESSIMISTIC_WRITE));
    }
}
