package dev.modelstore.api.export;

import dev.modelstore.api.Model;
import dev.modelstore.api.ModelStatus;
import dev.modelstore.api.repository.CredentialRepository;
import dev.modelstore.api.repository.ModelLogRepository;
import dev.modelstore.api.repository.ModelRepository;
import dev.modelstore.api.service.CredentialCipher;
import dev.modelstore.api.service.Datastores;
import dev.modelstore.events.ModelExportCompleted;
import dev.modelstore.events.ModelExportEvent;
import dev.modelstore.events.ModelExportFailed;
import dev.modelstore.events.ModelExportProgressed;
import dev.modelstore.events.ModelExportRequested;
import dev.modelstore.events.ModelExportStarted;
import dev.modelstore.support.auth.ApiTokens;
import dev.modelstore.support.input.Redaction;
import dev.modelstore.support.outbox.Outbox;
import dev.modelstore.support.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Exports of ready models: accepting one (the model becomes {@code exporting}, and the request is
 * committed with its {@link ModelExportRequested} event), listing them, and applying the fetcher's
 * export events once each (the model is {@code ready} again when its export ends, however it ends).
 */
@ApplicationScoped
public class ExportService {

    /** What a caller asks for. */
    public record NewExport(String outputType, String outputUri, Map<String, String> outputOptions) {
    }

    /** Where the user's client downloads a local export from, while it runs. */
    public record LocalHandOff(String hostname, String authToken, String outputUri) {
    }

    private final ModelRepository models;
    private final ModelExportRepository exports;
    private final CredentialRepository credentials;
    private final Datastores datastores;
    private final CredentialCipher cipher;
    private final ModelLogRepository log;
    private final Outbox outbox;

    ExportService(ModelRepository models, ModelExportRepository exports, CredentialRepository credentials,
            Datastores datastores, CredentialCipher cipher, ModelLogRepository log, Outbox outbox) {
        this.models = models;
        this.exports = exports;
        this.credentials = credentials;
        this.datastores = datastores;
        this.cipher = cipher;
        this.log = log;
        this.outbox = outbox;
    }

    /**
     * Accepts the export of a ready model: 400 for a target of the wrong form or without the
     * project's credential of its type, 409 while the model is not ready (or already exporting).
     */
    @Transactional
    public ModelExport request(UUID modelId, UUID projectId, NewExport request) {
        Map<String, String> options = request.outputOptions() == null ? Map.of() : request.outputOptions();
        String type = ExportTargets.check(request.outputType(), request.outputUri(), options);
        String uri = request.outputUri().trim();
        Model model = models.findForUpdate(modelId).filter(m -> m.projectId.equals(projectId))
                .orElseThrow(() -> ApiException.notFound("model " + modelId + " does not exist"));
        if (model.status == ModelStatus.EXPORTING) {
            String running = exports.activeOf(model.id).map(e -> " (export " + e.id + ")").orElse("");
            throw ApiException.conflict("model " + modelId + " is already exporting" + running
                    + "; export it again once that export has ended");
        }
        if (model.status != ModelStatus.READY) {
            throw ApiException.conflict("model " + modelId + " is " + model.status.wireName()
                    + "; a model can be exported once it is ready");
        }
        String credentialType = switch (type) {
            case "aws", "azure", "gcp", "wasabi" -> type;
            default -> null;
        };
        if (credentialType != null && credentials.findById(new dev.modelstore.api.Credential.Key(projectId, credentialType)) == null) {
            throw ApiException.badRequest("this project has no " + credentialType + " credential, which an export to "
                    + type + " writes with; add one (PUT /project/" + projectId + "/credentials/" + credentialType
                    + ") and export again");
        }
        if (type.equals("regional")) {
            datastores.check(projectId, uri.contains("/") ? uri.substring(0, uri.indexOf('/')) : uri);
        }
        Instant now = now();
        ModelExport export = new ModelExport();
        export.id = UUID.randomUUID();
        export.modelId = model.id;
        export.projectId = projectId;
        export.outputType = type;
        export.outputUri = uri;
        export.outputOptions = Map.copyOf(options);
        export.status = ExportStatus.QUEUED;
        export.requestedAt = now;
        export.totalBytes = model.sizeBytes;
        export.totalFiles = model.fileCount;
        String tokenHash = null;
        if (type.equals("local")) {
            String token = ApiTokens.generate();
            export.authToken = cipher.encrypt(token, "export/" + export.id);
            tokenHash = ApiTokens.hash(token);
        }
        exports.persist(export);
        model.status = ModelStatus.EXPORTING;
        model.updatedAt = now;
        log.append(model.id, now, "export " + export.id + " requested to " + type + " " + Redaction.urls(uri));
        outbox.append(new ModelExportRequested(UUID.randomUUID(), now, export.id, model.id, projectId, type, uri,
                export.outputOptions, model.manifestKey, tokenHash));
        return export;
    }

    /** The model's exports, newest first. */
    @Transactional
    public List<ModelExport> list(UUID modelId) {
        return exports.ofModel(modelId);
    }

    /** One export of the model; 404 when the model has no such export. */
    @Transactional
    public ModelExport get(UUID modelId, UUID exportId) {
        ModelExport export = exports.findById(exportId);
        if (export == null || !export.modelId.equals(modelId)) {
            throw ApiException.notFound("model " + modelId + " has no export " + exportId);
        }
        return export;
    }

    /** For a model exporting to the user's computer: where and with what token its client downloads. */
    @Transactional
    public Optional<LocalHandOff> localHandOff(Model model, String hostname) {
        if (model.status != ModelStatus.EXPORTING) {
            return Optional.empty();
        }
        return exports.activeOf(model.id).filter(e -> e.authToken != null).flatMap(e -> {
            try {
                return Optional.of(new LocalHandOff(hostname, cipher.decrypt(e.authToken, "export/" + e.id), e.outputUri));
            } catch (IllegalStateException | ApiException undecryptable) {
                // a token stored under another key (the key was changed): the model is still shown, without it
                org.jboss.logging.Logger.getLogger(ExportService.class).warnf("the download token of export %s cannot be "
                        + "decrypted with the configured key; export the model again", e.id);
                return Optional.empty();
            }
        });
    }

    /** Applies one of the fetcher's export events; an event of an export that is gone (its model deleted) changes nothing. */
    @Transactional
    public void apply(ModelExportEvent event) {
        ModelExport export = exports.findForUpdate(event.exportId()).orElse(null);
        if (export == null || !export.status.active()) {
            return;
        }
        Instant at = event.occurredAt().truncatedTo(ChronoUnit.MICROS);
        if (event instanceof ModelExportStarted) {
            export.status = ExportStatus.RUNNING;
            if (export.startedAt == null) {
                export.startedAt = at;
            }
        } else if (event instanceof ModelExportProgressed progressed) {
            export.status = ExportStatus.RUNNING;
            export.bytes = progressed.bytes();
            export.files = progressed.files();
            export.totalBytes = progressed.totalBytes();
            export.totalFiles = progressed.totalFiles();
        } else if (event instanceof ModelExportCompleted completed) {
            export.status = ExportStatus.COMPLETED;
            export.bytes = completed.bytes();
            export.files = completed.files();
            export.note = completed.note();
            export.finishedAt = at;
            export.authToken = null;
            log.append(export.modelId, at, "export " + export.id + " completed: " + completed.files() + " files, "
                    + completed.bytes() + " bytes to " + export.outputType + " " + Redaction.urls(export.outputUri)
                    + (completed.note() == null ? "" : " (" + completed.note() + ")"));
            release(export);
        } else if (event instanceof ModelExportFailed failed) {
            export.status = ExportStatus.FAILED;
            export.reason = failed.reason();
            export.finishedAt = at;
            export.authToken = null;
            log.append(export.modelId, at, "export " + export.id + " failed: " + failed.reason());
            release(export);
        }
    }

    /** The model is ready again once no export of it is queued or running. */
    private void release(ModelExport ended) {
        models.findForUpdate(ended.modelId).ifPresent(model -> {
            boolean another = exports.ofModel(model.id).stream().anyMatch(e -> e != ended && e.status.active());
            if (model.status == ModelStatus.EXPORTING && !another) {
                model.status = ModelStatus.READY;
                model.updatedAt = now();
            }
        });
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
