package dev.modelstore.storage.service;

import dev.modelstore.events.ModelDeleted;
import dev.modelstore.events.JobOutputCompleted;
import dev.modelstore.events.ModelIngestCompleted;
import dev.modelstore.events.StorageUsageChanged;
import dev.modelstore.storage.ModelUsage;
import dev.modelstore.storage.ProjectUsageChange;
import dev.modelstore.storage.config.StorageConfig;
import dev.modelstore.storage.repository.ModelUsageRepository;
import dev.modelstore.storage.repository.ProjectUsageChangeRepository;
import dev.modelstore.support.inbox.ProcessedEvents;
import dev.modelstore.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Keeps each model's stored size from the events, once per event, whatever order they arrive in.
 * Every change of a project's total is recorded (for charges) and announced as
 * {@link StorageUsageChanged} in the same transaction.
 */
@ApplicationScoped
public class StorageLedger {

    static final String CONSUMER = "storage.ledger";

    private final ModelUsageRepository usage;
    private final ProjectUsageChangeRepository changes;
    private final ProcessedEvents processed;
    private final Outbox outbox;
    private final StorageConfig config;
    private final StorageLimits limits;

    StorageLedger(ModelUsageRepository usage, ProjectUsageChangeRepository changes, ProcessedEvents processed,
            Outbox outbox, StorageConfig config, StorageLimits limits) {
        this.limits = limits;
        this.usage = usage;
        this.changes = changes;
        this.processed = processed;
        this.outbox = outbox;
        this.config = config;
    }

    /** Whether the model was deleted (so objects that appear for it must be removed, not counted). */
    @Transactional
    public boolean isDeleted(UUID modelId) {
        return usage.findByIdOptional(modelId).map(u -> u.state == ModelUsage.State.DELETED).orElse(false);
    }

    /** Counts a ready model's bytes, unless it was deleted first. */
    @Transactional
    public void stored(ModelIngestCompleted event) {
        store(event.eventId(), event.modelId(), event.projectId(), event.sizeBytes(), event.fileCount());
    }

    /** Counts the bytes of a model saved from a job's folder, unless it was deleted first. */
    @Transactional
    public void stored(JobOutputCompleted event) {
        store(event.eventId(), event.outputModelId(), event.projectId(), event.sizeBytes(), event.fileCount());
    }

    private void store(UUID eventId, UUID modelId, UUID projectId, long sizeBytes, long fileCount) {
        if (!processed.claim(CONSUMER, eventId)) {
            return;
        }
        // The model is counted now (or was deleted): what its ingest reserved of the quota goes.
        limits.release(modelId);
        ModelUsage row = usage.findForUpdate(modelId).orElse(null);
        if (row != null && row.state == ModelUsage.State.DELETED) {
            return;
        }
        Instant now = now();
        if (row == null) {
            row = newRow(modelId, projectId, ModelUsage.State.STORED);
            usage.persist(row);
        }
        long delta = sizeBytes - row.sizeBytes;
        row.sizeBytes = sizeBytes;
        row.billedBytes = billed(sizeBytes);
        row.fileCount = fileCount;
        row.storedAt = row.storedAt == null ? now : row.storedAt;
        row.updatedAt = now;
        usage.flush();
        recordChange(row.projectId, row.modelId, delta, now);
    }

    /** Takes a deleted model's bytes out of its project's total and leaves a tombstone. */
    @Transactional
    public void deleted(ModelDeleted event) {
        if (!processed.claim(CONSUMER, event.eventId())) {
            return;
        }
        limits.release(event.modelId());
        ModelUsage row = usage.findForUpdate(event.modelId()).orElse(null);
        if (row == null) {
            usage.persist(newRow(event.modelId(), event.projectId(), ModelUsage.State.DELETED));
            return;
        }
        boolean wasStored = row.state == ModelUsage.State.STORED;
        long delta = -row.sizeBytes;
        row.state = ModelUsage.State.DELETED;
        row.sizeBytes = 0;
        row.billedBytes = 0;
        row.fileCount = 0;
        row.updatedAt = now();
        if (wasStored) {
            usage.flush();
            recordChange(row.projectId, row.modelId, delta, row.updatedAt);
        }
    }

    /** A model's billed size: its size rounded up to the billing unit. */
    public long billed(long sizeBytes) {
        long unit = config.billingUnitBytes();
        return sizeBytes == 0 ? 0 : ((sizeBytes + unit - 1) / unit) * unit;
    }

    private void recordChange(UUID projectId, UUID modelId, long delta, Instant at) {
        ModelUsageRepository.ProjectTotals totals = usage.totals(projectId);
        ProjectUsageChange change = new ProjectUsageChange();
        change.projectId = projectId;
        change.at = at;
        change.usedBytes = totals.bytes();
        change.billedBytes = totals.billedBytes();
        changes.persist(change);
        outbox.append(new StorageUsageChanged(UUID.randomUUID(), at, projectId, modelId, delta, totals.bytes(),
                Math.max(0, totals.billedBytes() - config.freeAllowanceBytes()), totals.models()));
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
