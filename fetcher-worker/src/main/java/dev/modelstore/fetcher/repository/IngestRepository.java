package dev.modelstore.fetcher.repository;

import dev.modelstore.fetcher.Ingest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;

/** Ingests in PostgreSQL. */
@ApplicationScoped
public class IngestRepository implements PanacheRepositoryBase<Ingest, UUID> {

    /** The model's ingest, locked until the transaction ends. */
    public Optional<Ingest> findForUpdate(UUID modelId) {
        return findByIdOptional(modelId, LockModeType.PESSIMISTIC_WRITE);
    }
}
