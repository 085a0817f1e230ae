package dev.modelstore.api.service;

import dev.modelstore.api.Model;
import dev.modelstore.api.ModelStatus;
import dev.modelstore.api.repository.ModelLogRepository;
import dev.modelstore.api.repository.ModelRepository;
import dev.modelstore.events.ModelIngestCompleted;
import dev.modelstore.events.ModelIngestEvent;
import dev.modelstore.events.ModelIngestFailed;
import dev.modelstore.events.ModelIngestProgressed;
import dev.modelstore.events.ModelIngestStarted;
import dev.modelstore.support.input.Texts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Moves a model's status from the fetcher's ingest events: {@code new} → {@code downloading} →
 * {@code ready} or {@code failed}. Final statuses never change, so a late or repeated event is harmless.
 */
@ApplicationScoped
public class IngestProgress {

    private final ModelRepository models;
    private final ModelLogRepository log;

    IngestProgress(ModelRepository models, ModelLogRepository log) {
        this.models = models;
        this.log = log;
    }

    /** Applies one ingest event to its model; an event for a deleted model is ignored. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(ModelIngestEvent event) {
        Model model = models.findForUpdate(event.modelId()).orElse(null);
        if (model == null || model.status.isFinal()) {
            return;
        }
        if (event instanceof ModelIngestStarted started) {
            model.status = ModelStatus.DOWNLOADING;
            log.append(model.id, event.occurredAt(), "download started on " + started.worker());
        } else if (event instanceof ModelIngestProgressed progressed) {
            model.status = ModelStatus.DOWNLOADING;
            model.progressBytes = Math.max(model.progressBytes, progressed.bytes());
            model.progressFiles = Math.max(model.progressFiles, progressed.files());
        } else if (event instanceof ModelIngestCompleted completed) {
            model.status = ModelStatus.READY;
            model.sizeBytes = completed.sizeBytes();
            model.fileCount = completed.fileCount();
            model.progressBytes = completed.sizeBytes();
            model.progressFiles = completed.fileCount();
            model.manifestKey = completed.manifestKey();
            completed.notes().forEach(note -> log.append(model.id, event.occurredAt(), Texts.bounded(note, Texts.REASON)));
            log.append(model.id, event.occurredAt(), "ready: " + completed.fileCount() + " files, "
                    + completed.sizeBytes() + " bytes, every file's SHA-256 in the manifest");
        } else if (event instanceof ModelIngestFailed failed) {
            model.status = ModelStatus.FAILED;
            model.failureReason = Texts.bounded(failed.reason(), Texts.REASON);
            log.append(model.id, event.occurredAt(), "failed: " + model.failureReason);
        }
        model.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
