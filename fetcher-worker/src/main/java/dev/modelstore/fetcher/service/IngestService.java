package dev.modelstore.fetcher.service;

import dev.modelstore.support.objectstore.StoredObject;
import dev.modelstore.support.objectstore.ObjectUploader;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelstore.events.ModelRequested;
import dev.modelstore.events.SourceType;
import dev.modelstore.fetcher.upload.UploadRegistry;
import dev.modelstore.fetcher.IngestCancelled;
import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.config.FetcherConfig;
import dev.modelstore.fetcher.extract.Unpacker;
import dev.modelstore.fetcher.source.SourceRegistry;
import dev.modelstore.fetcher.source.SourceRequest;
import dev.modelstore.fetcher.store.ObjectStoreModelWriter;
import dev.modelstore.support.limits.StorageLimitsClient;
import dev.modelstore.support.objectstore.ModelManifest;
import dev.modelstore.support.objectstore.ModelObjects;
import dev.modelstore.support.objectstore.ModelStorageLayout;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Runs one model's ingest from its {@link ModelRequested} event: claim it, stream the source into
 * the model's prefix, store the manifest, then record exactly one outcome. A failed or cancelled
 * ingest removes every object it wrote, so no partial model is ever ready.
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);

    private final IngestLedger ledger;
    private final SourceRegistry sources;
    private final ObjectUploader uploader;
    private final Unpacker unpacker;
    private final ModelObjects objects;
    private final RunningIngests running;
    private final FetcherConfig config;
    private final ObjectMapper json;
    private final ProjectCredentials credentials;
    private final StorageLimitsClient limits;
    private final UploadRegistry uploads;
    private final IngestMetrics metrics;
    private final IngestQueue queue;
    private final String worker;

    IngestService(IngestLedger ledger, SourceRegistry sources, ObjectUploader uploader, Unpacker unpacker,
            ModelObjects objects, RunningIngests running, FetcherConfig config, ObjectMapper json,
            ProjectCredentials credentials, StorageLimitsClient limits, UploadRegistry uploads, IngestMetrics metrics,
            IngestQueue queue) {
        this.queue = queue;
        this.ledger = ledger;
        this.sources = sources;
        this.uploader = uploader;
        this.unpacker = unpacker;
        this.objects = objects;
        this.running = running;
        this.config = config;
        this.json = json;
        this.credentials = credentials;
        this.limits = limits;
        this.uploads = uploads;
        this.metrics = metrics;
        this.worker = config.workerName().orElseGet(IngestService::hostName);
    }

    /**
     * Takes a requested model: a local one waits for its upload (holding no slot); any other is queued
     * for the fleet's slots ({@link IngestQueue}). A redelivered request changes nothing.
     *
     * @return whether an ingest was queued (the dispatcher should look at the queue)
     */
    public boolean ingest(ModelRequested request) {
        if (request.sourceType() == SourceType.LOCAL && ledger.running(request.modelId()).isPresent()) {
            // A redelivered request of a local model that already waits for (or receives) its upload: nothing to redo.
            uploads.register(request.modelId(), request.sourceOptions().getOrDefault("upload_token_sha256", ""));
            return false;
        }
        if (request.sourceType() == SourceType.LOCAL) {
            if (ledger.begin(request, worker).isPresent()) {
                // A local model waits (as long as it takes) for the user's computer to upload it, holding no slot.
                uploads.register(request.modelId(), request.sourceOptions().getOrDefault("upload_token_sha256", ""));
            }
            return false;
        }
        return queue.enqueue(request);
    }

    /** This fetcher's name, as ingests record who runs them. */
    public String worker() {
        return worker;
    }

    /** Runs an ingest this fetcher claimed from the queue: stream, store, record exactly one outcome. */
    public void run(ModelRequested request, IngestLedger.Attempt attempt) {
        if (attempt.takeOver()) {
            objects.deleteAll(request.modelId());
        }
        AtomicBoolean cancelled = running.register(request.modelId());
        metrics.started();
        long started = System.nanoTime();
        try {
            Fetched fetched = fetch(request, cancelled);
            ModelManifest manifest = fetched.manifest();
            byte[] manifestJson = json.writeValueAsBytes(manifest);
            StoredObject stored = uploader.putBytes(ModelStorageLayout.manifestKey(request.modelId()), manifestJson,
                    "application/json");
            if (ledger.complete(request, attempt.id(), manifest, stored.key(), stored.sha256(), fetched.notes())) {
                metrics.finished(request.sourceType(), "ready", manifest.sizeBytes(), System.nanoTime() - started);
                LOG.infof("model %s ready: %d files, %d bytes in %d ms", request.modelId(), manifest.fileCount(),
                        manifest.sizeBytes(), (System.nanoTime() - started) / 1_000_000);
            } else {
                LOG.infof("model %s was deleted or taken over during its ingest; its objects are removed",
                        request.modelId());
                cleanUpIfCancelled(request);
            }
        } catch (IngestCancelled e) {
            LOG.infof("model %s deleted during its ingest; removing what was written", request.modelId());
            objects.deleteAll(request.modelId());
        } catch (IngestFailure e) {
            metrics.finished(request.sourceType(), "failed", 0, System.nanoTime() - started);
            failed(request, attempt.id(), e.reason(), null);
        } catch (IOException | RuntimeException e) {
            metrics.finished(request.sourceType(), "failed", 0, System.nanoTime() - started);
            failed(request, attempt.id(), "the ingest stopped on an unexpected error (" + e.getClass().getSimpleName()
                    + "); try again, and tell the operator if it keeps failing", e);
        } finally {
            running.unregister(request.modelId());
            metrics.ended();
        }
    }

    /** What an ingest stored, and what it left out (for the model's log). */
    private record Fetched(ModelManifest manifest, java.util.List<String> notes) {
    }

    private Fetched fetch(ModelRequested request, AtomicBoolean cancelled) throws IOException {
        ProgressThrottle throttle = new ProgressThrottle(config.progressInterval(),
                (bytes, files) -> ledger.progress(request.modelId(), request.projectId(), bytes, files));
        StorageLimitsClient.ProjectLimits allowed = limits.of(request.projectId()).orElseGet(() ->
                new StorageLimitsClient.ProjectLimits(config.maxModelBytes(), null, 0, null, "the per-model limit"));
        ObjectStoreModelWriter writer = new ObjectStoreModelWriter(request.modelId(), uploader, unpacker,
                allowed.allowedBytes(), allowed.reason(), throttle, cancelled::get);
        if (allowed.quotaBytes() != null) {
            writer.reserveWith(bytes -> limits.reserve(request.projectId(), request.modelId(), bytes)
                    .map(l -> new ObjectStoreModelWriter.QuotaReservation.Answer(l.allowedBytes(), l.reason())));
        }
        running.attach(request.modelId(), writer);
        try {
            sources.forType(request.sourceType()).fetch(new SourceRequest(request.modelId(), request.projectId(),
                    request.sourceUri(), request.sourceOptions(), credentials.find(request.projectId(), request.sourceType())),
                    writer);
        } catch (IOException | RuntimeException e) {
            // A stopped ingest's source fails with whatever its aborted connection said: the stop is the reason.
            RuntimeException stopped = writer.abortReason().orElse(null);
            if (stopped != null && stopped != e) {
                stopped.addSuppressed(e);
                throw stopped;
            }
            throw e;
        } finally {
            // No upload may still be running when a failure's clean-up removes the model's objects.
            writer.settle();
        }
        writer.abortReason().ifPresent(stopped -> {
            throw stopped;
        });
        if (cancelled.get()) {
            throw new IngestCancelled("model " + request.modelId() + " was deleted during its download");
        }
        ModelManifest manifest = writer.manifest(request.sourceType() + ":" + request.sourceUri().replaceAll("\\?.*", ""));
        if (manifest.fileCount() == 0) {
            throw new IngestFailure("the source holds no files; check the path points at a file or a folder with files");
        }
        return new Fetched(manifest, writer.notes());
    }

    private void failed(ModelRequested request, java.util.UUID attemptId, String reason, Exception unexpected) {
        if (unexpected != null) {
            // The error's own text may hold a source URL: only its redacted form goes to the log at error level.
            LOG.errorf("ingest of model %s failed unexpectedly: %s", request.modelId(),
                    IngestFailure.clean(unexpected.toString()));
            LOG.debugf(unexpected, "ingest of model %s: the unexpected error", request.modelId());
        } else {
            LOG.infof("ingest of model %s failed: %s", request.modelId(), IngestFailure.clean(reason));
        }
        objects.deleteAll(request.modelId());
        ledger.fail(request, attemptId, reason);
    }

    private void cleanUpIfCancelled(ModelRequested request) {
        // Another attempt that took over owns the same keys: only a deletion allows removing them.
        if (ledger.isCancelled(request.modelId())) {
            objects.deleteAll(request.modelId());
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "fetcher";
        }
    }
}
