package dev.modelstore.fetcher.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelstore.events.EventCodec;
import dev.modelstore.events.ModelExportRequested;
import dev.modelstore.support.archive.ModelArchive;
import dev.modelstore.support.auth.ApiTokens;
import dev.modelstore.support.limits.StreamTurns;
import dev.modelstore.support.objectstore.ModelManifest;
import dev.modelstore.support.objectstore.ObjectStoreConfig;
import dev.modelstore.support.rest.ApiException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The sending side of a local export, as trainML's client downloads it: the model as one archive
 * (a tar the client extracts into its folder, or a zip it saves whole when the export asked for
 * {@code archive}), built on the fly from the model store with every file checked against the
 * manifest, then the client's finalize completes the export. Any fetcher serves any local export
 * (its state is in PostgreSQL); the download token works while the export runs and dies with it.
 */
@ApplicationScoped
public class LocalExportSender {

    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(2);
    /** Downloads of one project's exports at once (a client retrying while its first attempt still runs). */
    static final int DOWNLOADS_PER_PROJECT = 4;
    /** Downloads this fetcher sends at once, over all exports (each holds a few MiB of read-ahead). */
    static final int DOWNLOADS = 16;

    /** A running local export a token opened. */
    public record Opened(Export export, ModelExportRequested request) {

        /** Whether the client gets one zip file rather than a tar to extract. */
        public boolean zip() {
            return "true".equals(request.outputOptions().get("archive"));
        }

        /** The zip's file name. */
        public String fileName() {
            return "model-" + request.modelId() + ".zip";
        }
    }

    private final ExportQueue queue;
    private final S3Client store;
    private final String bucket;
    private final ObjectMapper json;
    private final StreamTurns<java.util.UUID> turns = new StreamTurns<>("downloads", DOWNLOADS, DOWNLOADS_PER_PROJECT,
            Duration.ofSeconds(30));
    private final ExecutorService readers = Executors.newFixedThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "export-reader");
        thread.setDaemon(true);
        return thread;
    });

    LocalExportSender(ExportQueue queue, S3Client store, ObjectStoreConfig config, ObjectMapper json) {
        this.queue = queue;
        this.store = store;
        this.bucket = config.bucket();
        this.json = json;
    }

    /** The export the bearer token belongs to, while it runs; 401 otherwise. */
    public Opened authenticate(String authorization) {
        String token = ApiTokens.fromHeader(authorization);
        Export export = (token == null ? java.util.Optional.<Export>empty() : queue.localByToken(ApiTokens.hash(token)))
                .orElseThrow(() -> new ApiException(401, "the download token is not valid, or the export has ended"));
        return new Opened(export, (ModelExportRequested) EventCodec.fromJson(export.request));
    }

    /**
     * Takes one of the project's download turns before its response is answered: 429 when the
     * project's exports already stream {@link #DOWNLOADS_PER_PROJECT}, 503 when this fetcher streams
     * {@link #DOWNLOADS}.
     */
    public StreamTurns<java.util.UUID>.Turn begin(Opened opened) {
        return turns.take(opened.export().projectId, "project");
    }

    /** Writes the model's archive to {@code out}; once all of it is written, the export knows it was downloaded. */
    public void send(Opened opened, OutputStream out) throws IOException {
        ModelExportRequested request = opened.request();
        ModelManifest manifest;
        try (InputStream in = store.getObject(b -> b.bucket(bucket).key(request.manifestKey()))) {
            manifest = json.readValue(in, ModelManifest.class);
        } catch (SdkException e) {
            throw new IOException("the model's file list could not be read from the model store", e);
        }
        ModelArchive.Selection selection = ModelArchive.select(manifest, "");
        AtomicLong lastCheck = new AtomicLong(System.nanoTime());
        AtomicLong sent = new AtomicLong();
        AtomicLong files = new AtomicLong();
        long[] last = {System.nanoTime()};
        ModelArchive.write(selection, opened.zip() ? ModelArchive.Format.ZIP : ModelArchive.Format.TAR,
                manifest.createdAt(), file -> open(request, file, lastCheck), readers, out, bytes -> {
                    sent.addAndGet(bytes);
                    files.incrementAndGet();
                    long now = System.nanoTime();
                    if (now - last[0] >= PROGRESS_INTERVAL.toNanos()) {
                        last[0] = now;
                        queue.progressed(request.exportId(), null, sent.get(), files.get(), selection.bytes(),
                                selection.files());
                    }
                });
        out.flush();
        // Downloaded in full: the figures a finalize completes the export with.
        queue.progressed(request.exportId(), null, selection.bytes(), selection.files(), selection.bytes(),
                selection.files());
        queue.downloaded(request.exportId());
    }

    /** The client has the model: the export completes; 409 when no download has been sent in full. */
    public void finish(Opened opened) {
        Export export = opened.export();
        if (!queue.wasDownloaded(export.id)) {
            throw new ApiException(409, "the archive has not been downloaded in full yet; GET /download first");
        }
        queue.complete(export.id, null, export.bytes, export.files, null);
    }

    private InputStream open(ModelExportRequested request, ModelManifest.File file, AtomicLong lastCheck) throws IOException {
        try {
            return new StillRunning(store.getObject(b -> b.bucket(bucket).key(file.objectKey(request.modelId()))),
                    request.exportId(), lastCheck);
        } catch (SdkException e) {
            throw new IOException("cannot read '" + file.path() + "' from the model store: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void close() {
        readers.shutdownNow();
    }

    /**
     * Ends a download at once when its export ends meanwhile (the model was deleted): looked up every
     * two seconds of the download (one clock for all of its files).
     */
    private final class StillRunning extends java.io.FilterInputStream {
        private final java.util.UUID exportId;
        private final AtomicLong checkedAt;

        StillRunning(InputStream in, java.util.UUID exportId, AtomicLong checkedAt) {
            super(in);
            this.exportId = exportId;
            this.checkedAt = checkedAt;
        }

        private void check() throws IOException {
            long now = System.nanoTime();
            long last = checkedAt.get();
            if (now - last >= PROGRESS_INTERVAL.toNanos() && checkedAt.compareAndSet(last, now)) {
                if (!queue.isRunning(exportId)) {
                    throw new IOException("the export ended while it was being downloaded (its model was deleted)");
                }
            }
        }

        @Override
        public int read() throws IOException {
            check();
            return super.read();
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            check();
            return super.read(buffer, off, len);
        }
    }
}
