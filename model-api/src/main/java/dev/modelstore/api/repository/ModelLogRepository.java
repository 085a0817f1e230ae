package dev.modelstore.api.repository;

import dev.modelstore.api.ModelLogEntry;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Models' ingest logs in PostgreSQL. */
@ApplicationScoped
public class ModelLogRepository implements PanacheRepositoryBase<ModelLogEntry, Long> {

    /** Appends a line to the model's log (inside the caller's transaction). */
    public void append(UUID modelId, Instant at, String message) {
        ModelLogEntry entry = new ModelLogEntry();
        entry.modelId = modelId;
        entry.at = at.truncatedTo(ChronoUnit.MICROS);
        entry.message = message;
        persist(entry);
    }

    /** The model's log, oldest line first. */
    public List<ModelLogEntry> of(UUID modelId) {
        return list("modelId = ?1 order by id", modelId);
    }
}
