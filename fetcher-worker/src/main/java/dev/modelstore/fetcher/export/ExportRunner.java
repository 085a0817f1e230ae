package dev.modelstore.fetcher.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelstore.events.ModelExportRequested;
import dev.modelstore.events.SourceType;
import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.config.FetcherConfig;
import dev.modelstore.fetcher.export.targets.ExportTarget;
import dev.modelstore.fetcher.service.ProjectCredentials;
import dev.modelstore.fetcher.source.SourceCredential;
import dev.modelstore.support.objectstore.ModelManifest;
import dev.modelstore.support.objectstore.ObjectStoreConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Runs one store export: reads the model's manifest, refuses a target that already holds one of its
 * files (unless {@code overwrite}) before any byte moves, then writes every file, several at once,
 * each streamed from the model store and checked against the manifest's size and SHA-256 on the
 * way (a file that does not match is removed from the target and fails the export). The export is
 * stopped when its model is deleted or its time runs out; its outcome is recorded by
 * {@link ExportQueue} only while this attempt still owns it.
 */
@ApplicationScoped
public class ExportRunner {

    private static final Logger LOG = Logger.getLogger(ExportRunner.class);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(2);

    private final S3Client store;
    private final String bucket;
    private final ObjectMapper json;
    private final ProjectCredentials credentials;
    private final Instance<ExportTarget> targets;
    private final ExportQueue queue;
    private final FetcherConfig.Exports config;
    private final Map<java.util.UUID, Running> running = new ConcurrentHashMap<>();
    private final FetcherConfig.Ingests throughput;
    private final java.util.concurrent.ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            runnable -> {
                Thread thread = new Thread(runnable, "export-watchdog");
                thread.setDaemon(true);
                return thread;
            });

    ExportRunner(S3Client store, ObjectStoreConfig storeConfig, ObjectMapper json, ProjectCredentials credentials,
            Instance<ExportTarget> targets, ExportQueue queue, FetcherConfig config) {
        this.store = store;
        this.bucket = storeConfig.bucket();
        this.json = json;
        this.credentials = credentials;
        this.targets = targets;
        this.queue = queue;
        this.config = config.exports();
        this.throughput = config.ingests();
    }

    /** An export running here: its model, and whether it has been told to stop. */
    private static final class Running {
        final java.util.UUID modelId;
        final long deadline;
        volatile String stopped;
        volatile ExportTarget.Session session;

        Running(java.util.UUID modelId, long deadline) {
            this.modelId = modelId;
            this.deadline = deadline;
        }
    }

    /** The exports this fetcher runs now. */
    public Set<java.util.UUID> ids() {
        return Set.copyOf(running.keySet());
    }

    /** Stops the model's exports running here (the model was deleted). */
    public void cancelModel(java.util.UUID modelId) {
        running.values().stream().filter(r -> r.modelId.equals(modelId)).forEach(r -> {
            r.stopped = "its model was deleted";
            ExportTarget.Session session = r.session;
            if (session != null) {
                session.abort(); // a write blocked on the target ends now, not at its next read
            }
        });
    }

    /** Runs the claimed export to its end, on the calling thread. */
    public void run(ExportQueue.Claimed claimed) {
        ModelExportRequested request = claimed.request();
        Running state = new Running(request.modelId(), System.nanoTime() + config.maxDuration().toNanos());
        running.put(request.exportId(), state);
        try {
            Result result = export(claimed, state);
            if (!queue.complete(request.exportId(), claimed.attemptId(), result.bytes, result.files, result.note)) {
                LOG.infof("export %s ended here but is no longer this attempt's (cancelled or taken over)", request.exportId());
            }
        } catch (ExportFailure | IngestFailure e) {
            fail(claimed, state, state.stopped != null ? "the export was stopped: " + state.stopped : e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (state.stopped != null) {
                fail(claimed, state, "the export was stopped: " + state.stopped);
                return;
            }
            if (e instanceof InterruptedIOException) {
                fail(claimed, state, "the export was interrupted; export again");
                return;
            }
            LOG.warnf(e, "export %s failed", request.exportId());
            fail(claimed, state, "the export stopped on an unexpected error (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); export again, and tell the operator if it keeps failing");
        } finally {
            running.remove(request.exportId());
        }
    }

    private void fail(ExportQueue.Claimed claimed, Running state, String reason) {
        if ("its model was deleted".equals(state.stopped)) {
            return;
        }
        queue.fail(claimed.request().exportId(), claimed.attemptId(), IngestFailure.clean(reason));
    }

    private record Result(long bytes, long files, String note) {
    }

    private Result export(ExportQueue.Claimed claimed, Running state) throws IOException {
        ModelExportRequested request = claimed.request();
        ModelManifest manifest = manifest(request.manifestKey());
        ExportPlan plan = ExportPlan.of(manifest);
        ExportTarget target = targets.stream().filter(t -> t.types().contains(request.outputType())).findFirst()
                .orElseThrow(() -> new ExportFailure("exports to " + request.outputType() + " are not offered here"));
        Optional<SourceCredential> credential = SourceType.fromWireName(request.outputType())
                .filter(t -> t != SourceType.REGIONAL)
                .flatMap(t -> credentials.find(request.projectId(), t));
        try (ExportTarget.Session session = target.open(request, credential)) {
            state.session = session;
            boolean overwrite = "true".equals(request.outputOptions().get("overwrite"));
            if (!overwrite && !claimed.clashChecked()) {
                List<String> paths = plan.items().stream().map(ExportPlan.Item::path).toList();
                var existing = session.existing(paths);
                if (!existing.isEmpty()) {
                    String first = paths.stream().filter(existing::contains).findFirst().orElseThrow();
                    throw new ExportFailure(session.display(first) + " already exists" + (existing.size() > 1
                            ? " (and " + (existing.size() - 1) + " more of the model's files)" : "")
                            + "; export with output_options.overwrite=true to replace them, or to another folder");
                }
                queue.clashChecked(request.exportId(), claimed.attemptId());
            }
            return copy(request, claimed, plan, session, state);
        } catch (Exception e) {
            if (e instanceof IOException io) {
                throw io;
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e);
        }
    }

    private Result copy(ModelExportRequested request, ExportQueue.Claimed claimed, ExportPlan plan,
            ExportTarget.Session session, Running state) throws IOException {
        AtomicLong bytes = new AtomicLong();
        AtomicLong files = new AtomicLong();
        long totalFiles = plan.items().size();
        long[] lastReport = {System.nanoTime()};
        Runnable report = () -> {
            long now = System.nanoTime();
            synchronized (lastReport) {
                if (now - lastReport[0] < PROGRESS_INTERVAL.toNanos()) {
                    return;
                }
                lastReport[0] = now;
            }
            try {
                queue.progressed(request.exportId(), claimed.attemptId(), bytes.get(), files.get(), plan.bytes(), totalFiles);
            } catch (RuntimeException e) {
                LOG.debugf("could not report the progress of export %s: %s", request.exportId(), e);
            }
        };
        int parallel = Math.max(1, Math.min(config.parallelFiles(), session.parallelWrites()));
        ExecutorService writers = Executors.newFixedThreadPool(parallel, runnable -> {
            Thread thread = new Thread(runnable, "export-writer");
            thread.setDaemon(true);
            return thread;
        });
        List<Future<?>> writes = java.util.Collections.synchronizedList(new ArrayList<>());
        // A target that stops taking bytes (a write blocks: socket timeouts cover reads only) fails the
        // export by the ingests' minimum-throughput rule: its connections are closed, its writers interrupted.
        long windowTicks = Math.max(1, throughput.minThroughputWindow().toMillis() / 1000);
        java.util.ArrayDeque<Long> history = new java.util.ArrayDeque<>();
        java.util.concurrent.ScheduledFuture<?> stall = watchdog.scheduleAtFixedRate(() -> {
            history.addLast(bytes.get());
            if (history.size() > windowTicks + 1) {
                history.removeFirst();
            }
            if (history.size() > windowTicks && history.getLast() - history.getFirst() < throughput.minThroughputBytes()
                    && files.get() < totalFiles && state.stopped == null) {
                state.stopped = "the target took fewer than " + throughput.minThroughputBytes() + " bytes in "
                        + throughput.minThroughputWindow().toSeconds() + " s (modelstore.fetcher.ingests.min-throughput-"
                        + "bytes); check that the target is reachable and accepts writes, and export again";
                session.abort();
                synchronized (writes) {
                    writes.forEach(w -> w.cancel(true));
                }
            }
        }, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        try {
            for (ExportPlan.Item item : plan.items()) {
                writes.add(writers.submit(() -> {
                    writeOne(request, item, session, state, bytes);
                    files.incrementAndGet();
                    report.run();
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                try {
                    write.get();
                } catch (ExecutionException e) {
                    writes.forEach(w -> w.cancel(true));
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException(cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted");
                }
            }
        } finally {
            stall.cancel(false);
            writers.shutdownNow();
        }
        return new Result(bytes.get(), files.get(), plan.note());
    }

    private void writeOne(ModelExportRequested request, ExportPlan.Item item, ExportTarget.Session session, Running state,
            AtomicLong bytes) throws IOException {
        ModelManifest.File file = item.file();
        MessageDigest sha256 = sha256();
        long[] read = {0};
        ResponseInputStream<GetObjectResponse> object;
        try {
            object = store.getObject(b -> b.bucket(bucket).key(file.objectKey(request.modelId())));
        } catch (SdkException e) {
            throw new ExportFailure("the model's file '" + file.path() + "' could not be read from the model store ("
                    + e.getMessage() + "); export again, and tell the operator if it keeps failing", e);
        }
        boolean done = false;
        try {
            session.write(item.path(), new Watched(new DigestInputStream(object, sha256), state, read, bytes), file.size());
            done = true;
        } finally {
            if (done) {
                object.close();
            } else {
                object.abort();
            }
        }
        String digest = HexFormat.of().formatHex(sha256.digest());
        if (read[0] != file.size() || (file.sha256() != null && !file.sha256().equals(digest))) {
            session.delete(item.path());
            throw new ExportFailure("the stored bytes of '" + file.path() + "' do not match the model's manifest (size or "
                    + "SHA-256), so it was not exported; tell the operator: the model's stored copy may be damaged");
        }
    }

    private ModelManifest manifest(String key) {
        try (InputStream in = store.getObject(b -> b.bucket(bucket).key(key))) {
            return json.readValue(in, ModelManifest.class);
        } catch (IOException | SdkException e) {
            throw new ExportFailure("the model's file list could not be read from the model store; export again shortly", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts what passes, and ends the read at once when the export is stopped or out of time. */
    private static final class Watched extends FilterInputStream {
        private final Running state;
        private final long[] read;
        private final AtomicLong total;

        Watched(InputStream in, Running state, long[] read, AtomicLong total) {
            super(in);
            this.state = state;
            this.read = read;
            this.total = total;
        }

        private void check() throws InterruptedIOException {
            if (state.stopped != null || Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("the export was stopped");
            }
            if (System.nanoTime() > state.deadline) {
                state.stopped = "it ran longer than the longest an export may run";
                throw new InterruptedIOException("the export ran out of time");
            }
        }

        @Override
        public int read() throws IOException {
            check();
            int b = super.read();
            if (b >= 0) {
                read[0]++;
                total.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            check();
            int n = super.read(buffer, off, len);
            if (n > 0) {
                read[0] += n;
                total.addAndGet(n);
            }
            return n;
        }

        @Override
        public void close() {
            // the caller closes or aborts the object stream itself
        }
    }
}
