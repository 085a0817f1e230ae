package dev.modelstore.storage.service;

import dev.modelstore.events.ModelDeleted;
import dev.modelstore.events.ModelIngestCompleted;
import dev.modelstore.storage.ModelUsage;
import dev.modelstore.storage.repository.ModelUsageRepository;
import dev.modelstore.support.inbox.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Keeps each model's stored size from the events, once per event, whatever order they arrive in. */
@ApplicationScoped
public class StorageLedger {

    static final String CONSUMER = "storage.ledger";

    private final ModelUsageRepository usage;
    private final ProcessedEvents processed;

    StorageLedger(ModelUsageRepository usage, ProcessedEvents processed) {
        this.usage = usage;
        this.processed = processed;
    }

    /** Whether the model was deleted (so objects that appear for it must be removed, not counted). */
    @Transactional
    public boolean isDeleted(UUID modelId) {
        return usage.findByIdOptional(modelId).map(u -> u.state == ModelUsage.State.DELETED).orElse(false);
    }

    /** Counts a ready model's bytes, unless it was deleted first. */
    @Transactional
    public void stored(ModelIngestCompleted event) {
        if (!processed.claim(CONSUMER, event.eventId())) {
            return;
        }
        ModelUsage row = usage.findForUpdate(event.modelId()).orElse(null);
        if (row != null && row.state == ModelUsage.State.DELETED) {
            return;
        }
        if (row == null) {
            row = newRow(event.modelId(), event.projectId(), ModelUsage.State.STORED);
            usage.persist(row);
        }
        row.sizeBytes = event.sizeBytes();
        row.fileCount = event.fileCount();
        row.updatedAt = now();
    }

    /** Takes a deleted model's bytes out of its project's total and leaves a tombstone. */
    @Transactional
    public void deleted(ModelDeleted event) {
        if (!processed.claim(CONSUMER, event.eventId())) {
            return;
        }
        ModelUsage row = usage.findForUpdate(event.modelId()).orElse(null);
        if (row == null) {
            usage.persist(newRow(event.modelId(), event.projectId(), ModelUsage.State.DELETED));
            return;
        }
        row.state = ModelUsage.State.DELETED;
        row.sizeBytes = 0;
        row.fileCount = 0;
        row.updatedAt = now();
    }

    private static ModelUsage newRow(UUID modelId, UUID projectId, ModelUsage.State state) {
        ModelUsage row = new ModelUsage();
        row.modelId = modelId;
        row.projectId = projectId;
        row.state = state;
        row.updatedAt = now();
        return row;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
