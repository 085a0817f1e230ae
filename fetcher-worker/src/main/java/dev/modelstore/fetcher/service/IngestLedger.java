package dev.modelstore.fetcher.service;

import dev.modelstore.events.ModelIngestCompleted;
import dev.modelstore.events.ModelIngestFailed;
import dev.modelstore.events.ModelIngestProgressed;
import dev.modelstore.events.ModelIngestStarted;
import dev.modelstore.events.ModelRequested;
import dev.modelstore.fetcher.Ingest;
import dev.modelstore.fetcher.IngestStatus;
import dev.modelstore.fetcher.repository.IngestRepository;
import dev.modelstore.support.inbox.ProcessedEvents;
import dev.modelstore.support.objectstore.ModelManifest;
import dev.modelstore.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * The short transactions of an ingest: claim it, report progress, record its one outcome. Each
 * state change commits together with the event that announces it.
 */
@ApplicationScoped
public class IngestLedger {

    static final String CONSUMER = "fetcher.requests";

    private final IngestRepository ingests;
    private final Outbox outbox;
    private final ProcessedEvents processed;

    IngestLedger(IngestRepository ingests, Outbox outbox, ProcessedEvents processed) {
        this.ingests = ingests;
        this.outbox = outbox;
        this.processed = processed;
    }

    /** An attempt this worker now owns; {@code takeOver} when an earlier attempt may have left objects. */
    public record Attempt(UUID id, boolean takeOver) {
    }

    /**
     * Claims the model's ingest for a new attempt, or answers empty when it is already finished or
     * cancelled (a redelivered request).
     */
    @Transactional
    public Optional<Attempt> begin(ModelRequested request, String worker) {
        Optional<Ingest> existing = ingests.findForUpdate(request.modelId());
        if (existing.isPresent() && existing.get().status.isFinal()) {
            return Optional.empty();
        }
        Ingest ingest = existing.orElseGet(Ingest::new);
        boolean takeOver = existing.isPresent();
        ingest.modelId = request.modelId();
        ingest.projectId = request.projectId();
        ingest.requestEventId = request.eventId();
        ingest.attemptId = UUID.randomUUID();
        ingest.status = IngestStatus.RUNNING;
        ingest.worker = worker;
        ingest.startedAt = now();
        if (!takeOver) {
            ingests.persist(ingest);
        }
        outbox.append(new ModelIngestStarted(UUID.randomUUID(), ingest.startedAt, ingest.modelId, ingest.projectId, worker));
        return Optional.of(new Attempt(ingest.attemptId, takeOver));
    }

    /** Announces progress of a running ingest. */
    @Transactional
    public void progress(UUID modelId, UUID projectId, long bytes, long files) {
        outbox.append(new ModelIngestProgressed(UUID.randomUUID(), now(), modelId, projectId, bytes, files));
    }

    /**
     * Records the ingest as ready and announces it, if this attempt still owns it.
     *
     * @return false when the attempt lost ownership or the model was deleted meanwhile
     */
    @Transactional
    public boolean complete(ModelRequested request, UUID attemptId, ModelManifest manifest, String manifestKey,
            String manifestSha256, java.util.List<String> notes) {
        return complete(request.modelId(), request.eventId(), attemptId, manifest, manifestKey, manifestSha256, notes);
    }

    /** {@link #complete(ModelRequested, UUID, ModelManifest, String, String, java.util.List)} by the model and its request's event id. */
    @Transactional
    public boolean complete(UUID modelId, UUID requestEventId, UUID attemptId, ModelManifest manifest, String manifestKey,
            String manifestSha256, java.util.List<String> notes) {
        Ingest ingest = owned(modelId, attemptId);
        if (ingest == null) {
            return false;
        }
        ingest.status = IngestStatus.READY;
        ingest.finishedAt = now();
        ingest.sizeBytes = manifest.sizeBytes();
        ingest.fileCount = manifest.fileCount();
        processed.claim(CONSUMER, requestEventId);
        outbox.append(new ModelIngestCompleted(UUID.randomUUID(), ingest.finishedAt, ingest.modelId, ingest.projectId,
                manifest.sizeBytes(), manifest.fileCount(), manifestKey, manifestSha256, notes));
        return true;
    }

    /**
     * Records the ingest as failed and announces the reason, if this attempt still owns it.
     *
     * @return false when the attempt lost ownership or the model was deleted meanwhile
     */
    @Transactional
    public boolean fail(ModelRequested request, UUID attemptId, String reason) {
        return fail(request.modelId(), request.eventId(), attemptId, reason);
    }

    /** {@link #fail(ModelRequested, UUID, String)} by the model and its request's event id. */
    @Transactional
    public boolean fail(UUID modelId, UUID requestEventId, UUID attemptId, String reason) {
        Ingest ingest = owned(modelId, attemptId);
        if (ingest == null) {
            return false;
        }
        reason = dev.modelstore.fetcher.IngestFailure.clean(reason);
        ingest.status = IngestStatus.FAILED;
        ingest.finishedAt = now();
        ingest.reason = reason;
        processed.claim(CONSUMER, requestEventId);
        outbox.append(new ModelIngestFailed(UUID.randomUUID(), ingest.finishedAt, ingest.modelId, ingest.projectId, reason));
        return true;
    }

    /** Marks the model's ingest cancelled (creating the record if its request has not arrived yet). */
    @Transactional
    public void cancel(UUID modelId, UUID projectId) {
        Ingest ingest = ingests.findForUpdate(modelId).orElse(null);
        if (ingest == null) {
            ingest = new Ingest();
            ingest.modelId = modelId;
            ingest.projectId = projectId;
            ingest.status = IngestStatus.CANCELLED;
            ingest.finishedAt = now();
            ingests.persist(ingest);
        } else if (!ingest.status.isFinal()) {
            ingest.status = IngestStatus.CANCELLED;
            ingest.finishedAt = now();
        }
    }

    /** The model's ingest while it runs (a local model waiting for its upload), else empty. */
    @Transactional
    public java.util.Optional<Ingest> running(UUID modelId) {
        return ingests.findByIdOptional(modelId).filter(i -> i.status == IngestStatus.RUNNING);
    }

    /** Whether the model's ingest was cancelled by a deletion. */
    @Transactional
    public boolean isCancelled(UUID modelId) {
        return ingests.findByIdOptional(modelId).map(i -> i.status == IngestStatus.CANCELLED).orElse(false);
    }

    private Ingest owned(UUID modelId, UUID attemptId) {
        Ingest ingest = ingests.findForUpdate(modelId).orElse(null);
        return ingest != null && ingest.status == IngestStatus.RUNNING && attemptId.equals(ingest.attemptId) ? ingest : null;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
