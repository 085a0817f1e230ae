package dev.modelstore.fetcher.store;

import dev.modelstore.support.objectstore.StoredObject;
import dev.modelstore.support.objectstore.ObjectSink;
import dev.modelstore.fetcher.IngestCancelled;
import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.extract.SafePath;
import dev.modelstore.fetcher.extract.Unpacker;
import dev.modelstore.support.objectstore.ModelLinks;
import dev.modelstore.support.objectstore.ModelManifest;
import dev.modelstore.support.objectstore.ModelStorageLayout;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.HashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Writes one model's content under its own prefix and builds its manifest. Checks every path,
 * counts every byte against the size limit, reports progress, and stops as soon as the ingest is
 * cancelled. Files may be handed in from several threads (a folder read in parallel); a small file
 * is read into a buffer and stored in the background ({@link ObjectSink#putAsync}) while the next
 * one is read. {@link #settle()} waits until every upload started has ended; {@link #manifest}
 * answers only when all are stored, else throws the first failure.
 */
public class ObjectStoreModelWriter implements ModelWriter {

    /** Receives the running totals; called often, so it must throttle itself. */
    public interface ProgressListener {
        void progressed(long bytes, long files);
    }

    private final UUID modelId;
    private final ObjectSink uploader;
    private final Unpacker unpacker;
    private final long maxBytes;
    private final String limitName;
    private final ProgressListener progress;
    private final BooleanSupplier cancelled;
    private final Map<String, ModelManifest.File> files = new LinkedHashMap<>();
    private final Map<String, ModelManifest.Link> links = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<Void>> pending = new HashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicReference<RuntimeException> aborted = new AtomicReference<>();
    private final java.util.Set<Runnable> abortActions = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicLong activity = new AtomicLong();
    /** Paths whose objects hard links of the archive share: they may not be written again. */
    private final java.util.Set<String> linkedTo = new java.util.HashSet<>();
    private final List<String> notes = new ArrayList<>();
    private static final long RESERVATION_STEP = 64L << 20;
    private volatile QuotaReservation quota;
    private long reserved;
    private int droppedNotes;
    private volatile String singleObjectVersion;

    public ObjectStoreModelWriter(UUID modelId, ObjectSink uploader, Unpacker unpacker, long maxBytes,
            ProgressListener progress, BooleanSupplier cancelled) {
        this(modelId, uploader, unpacker, maxBytes, "the per-model limit", progress, cancelled);
    }

    /**
     * A writer whose size limit has a name for failure reasons (the per-model limit, or what a
     * project's quota leaves).
     */
    public ObjectStoreModelWriter(UUID modelId, ObjectSink uploader, Unpacker unpacker, long maxBytes, String limitName,
            ProgressListener progress, BooleanSupplier cancelled) {
        this.limitName = limitName;
        this.modelId = modelId;
        this.uploader = uploader;
        this.unpacker = unpacker;
        this.maxBytes = maxBytes;
        this.progress = progress;
        this.cancelled = cancelled;
    }

    @Override
    public void singleObject(String name, InputStream content, long length, String version) throws IOException {
        singleObjectVersion = version;
        unpacker.unpack(name, content, length, this);
    }

    @Override
    public void file(String path, InputStream content, long length, String version) throws IOException {
        checkCancelled();
        checkFailed();
        String relative = SafePath.of(path);
        if (length > 0) {
            checkLimit(bytes.get() + length);
        }
        CompletableFuture<Void> earlier;
        synchronized (this) {
            if (links.containsKey(relative)) {
                throw bothFileAndLink(relative);
            }
            ModelManifest.File prior = files.get(relative);
            if (linkedTo.contains(relative) || (prior != null && prior.storedAs() != null)) {
                throw new IngestFailure("the archive writes '" + relative + "' again after a hard link to or from it; "
                        + "it is refused");
            }
            earlier = pending.get(relative);
        }
        if (earlier != null) {
            // The same path again (archives may hold it twice): the later content wins, so it is stored after.
            quietly(earlier);
        }
        Metered metered = new Metered(content);
        CompletableFuture<StoredObject> stored;
        try {
            stored = uploader.putAsync(ModelStorageLayout.fileKey(modelId, relative), metered, length);
        } catch (SdkException e) {
            // The store client wraps whatever stopped the upload; an error reading the source is the real cause.
            metered.rethrowSourceError();
            throw storeFailure("'" + relative + "'", e);
        }
        CompletableFuture<Void> recorded = stored.thenAccept(object -> record(relative, object, version));
        recorded.whenComplete((done, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            }
        });
        synchronized (this) {
            pending.put(relative, recorded);
        }
    }

    private void record(String relative, StoredObject object, String version) {
        long files;
        synchronized (this) {
            ModelManifest.File previous = this.files.put(relative, new ModelManifest.File(relative, object.size(),
                    object.sha256(), version));
            if (previous != null) {
                bytes.addAndGet(-previous.size());
            }
            files = this.files.size();
        }
        progress.progressed(bytes.get(), files);
    }

    /** Waits until every upload started has ended, stored or failed; never throws. */
    public void settle() {
        List<CompletableFuture<Void>> all;
        synchronized (this) {
            all = new ArrayList<>(pending.values());
        }
        all.forEach(ObjectStoreModelWriter::quietly);
    }

    private static void quietly(CompletableFuture<Void> upload) {
        try {
            upload.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            // recorded in failure
        }
    }

    private void checkFailed() {
        Throwable error = failure.get();
        if (error == null) {
            return;
        }
        if (error instanceof IngestFailure ingestFailure) {
            throw ingestFailure;
        }
        throw storeFailure("a file", error);
    }

    /** The ingest's failure when the store could not save {@code what} (a quoted path, or "a file"). */
    private static IngestFailure storeFailure(String what, Throwable e) {
        return new IngestFailure("the model store could not save " + what + " (" + e.getMessage()
                + "); try again, and tell the operator if it keeps failing", e);
    }

    @Override
    public void symlink(String path, String target) {
        checkCancelled();
        String relative = SafePath.of(path);
        SafePath.linkTarget(relative, target);
        synchronized (this) {
            if (pending.containsKey(relative) || files.containsKey(relative)) {
                throw bothFileAndLink(relative);
            }
            links.put(relative, new ModelManifest.Link(relative, target));
        }
    }

    @Override
    public void hardlink(String path, String existingPath) {
        checkCancelled();
        String relative = SafePath.of(path);
        String existing = SafePath.of(existingPath);
        CompletableFuture<Void> storing;
        synchronized (this) {
            storing = pending.get(existing);
        }
        if (storing != null) {
            quietly(storing);
        }
        checkFailed();
        ModelManifest.File original;
        synchronized (this) {
            original = files.get(existing);
        }
        if (original == null) {
            throw new IngestFailure("the hard link '" + relative + "' points to '" + existing
                    + "', which is not a file stored before it in the archive");
        }
        // The content is stored and counted once: the link's manifest entry names the object that holds it.
        String storedAs = original.storedAs() == null ? existing : original.storedAs();
        long count;
        synchronized (this) {
            if (links.containsKey(relative)) {
                throw bothFileAndLink(relative);
            }
            if (pending.containsKey(relative) || files.containsKey(relative)) {
                throw new IngestFailure("the archive stores '" + relative + "' both as a file and as a hard link; "
                        + "it is refused");
            }
            files.put(relative, new ModelManifest.File(relative, original.size(), original.sha256(), original.version(),
                    storedAs));
            linkedTo.add(storedAs);
            count = files.size();
        }
        progress.progressed(bytes.get(), count);
    }

    @Override
    public synchronized void note(String what) {
        if (notes.size() < 50) {
            notes.add(dev.modelstore.fetcher.IngestFailure.clean(what));
        } else {
            droppedNotes++;
        }
    }

    /** What the ingest left out, for the model's log. */
    public synchronized List<String> notes() {
        List<String> all = new ArrayList<>(notes);
        if (droppedNotes > 0) {
            all.add("… and " + droppedNotes + " more entries left out");
        }
        return all;
    }

    @Override
    public void sourceVersion(String version) {
        singleObjectVersion = version;
    }

    @Override
    public void expectTotal(long total) {
        checkLimit(total);
    }

    /** Bytes read so far. */
    public long bytes() {
        return bytes.get();
    }

    /** Bytes read so far plus other work reported ({@link #activity}): what the stall rule watches. */
    public long progress() {
        return bytes.get() + activity.get();
    }

    @Override
    public void activity(long units) {
        activity.addAndGet(units);
    }

    /**
     * Stops the ingest now: every read in progress is aborted through the action its source
     * registered, and every later call (and every blocked read as it returns) throws {@code why}.
     */
    public void abort(RuntimeException why) {
        if (aborted.compareAndSet(null, why)) {
            abortActions.forEach(ObjectStoreModelWriter::runQuietly);
        }
    }

    /** Why the ingest was stopped, if it was. */
    public java.util.Optional<RuntimeException> abortReason() {
        return java.util.Optional.ofNullable(aborted.get());
    }

    @Override
    public boolean isAborted() {
        return aborted.get() != null;
    }

    @Override
    public AutoCloseable whileReading(Runnable abortAction) {
        abortActions.add(abortAction);
        if (aborted.get() != null) {
            runQuietly(abortAction);
        }
        return () -> abortActions.remove(abortAction);
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // the read it aborts ends anyway, with its own error
        }
    }

    /** The manifest of everything written, once every upload has ended; throws the first upload failure. */
    public ModelManifest manifest(String source) {
        settle();
        checkFailed();
        synchronized (this) {
            try {
                ModelLinks.check(files.keySet(), links.values());
            } catch (ModelLinks.Refused refused) {
                throw new IngestFailure(refused.getMessage());
            }
            List<ModelManifest.File> sorted = new ArrayList<>(files.values());
            sorted.sort(java.util.Comparator.comparing(ModelManifest.File::path));
            return new ModelManifest(modelId, source, singleObjectVersion, Instant.now(), bytes.get(), files.size(),
                    sorted, List.copyOf(links.values()));
        }
    }

    private synchronized long fileCount() {
        return files.size();
    }

    private static IngestFailure bothFileAndLink(String path) {
        return new IngestFailure("the archive has both a file and a link at '" + path + "'; it is refused");
    }

    private void checkLimit(long total) {
        if (total > maxBytes) {
            throw new IngestFailure("the model is larger than the limit of " + Sizes.human(maxBytes) + " ("
                    + Sizes.human(total) + " so far), set by " + limitName);
        }
        if (quota != null && total > reserved) {
            reserveFor(total);
        }
    }

    /**
     * Reserves the project's quota ahead of the bytes (doubling, at least 64 MiB more each time, so a
     * large model asks a few times, not once per file): parallel ingests of one project then never
     * take more than its quota together.
     */
    private synchronized void reserveFor(long total) {
        if (total <= reserved) {
            return;
        }
        long ask = Math.max(total, Math.min(maxBytes, reserved * 2 + RESERVATION_STEP));
        java.util.Optional<QuotaReservation.Answer> answer = quota.reserve(ask);
        if (answer.isEmpty()) {
            return; // storage-service cannot be asked: the limit known at the start holds
        }
        if (answer.get().allowedBytes() < ask && answer.get().allowedBytes() >= total) {
            ask = total;
            answer = quota.reserve(ask);
            if (answer.isEmpty()) {
                return;
            }
        }
        if (answer.get().allowedBytes() < ask) {
            throw new IngestFailure("the model is larger than what " + answer.get().reason() + " leaves ("
                    + Sizes.human(answer.get().allowedBytes()) + "; " + Sizes.human(total) + " so far)");
        }
        reserved = ask;
    }

    /** Reserves the project's quota for this model as it grows (set when the project has a quota). */
    public void reserveWith(QuotaReservation reservation) {
        this.quota = reservation;
    }

    /** How a writer reserves its project's quota. */
    public interface QuotaReservation {

        /** What storage-service answered: the bytes this model may have now, and which limit that is. */
        record Answer(long allowedBytes, String reason) {
        }

        /** Reserves {@code bytes} for the model (replacing its earlier reservation); empty when it cannot be asked. */
        java.util.Optional<Answer> reserve(long bytes);
    }

    private void checkCancelled() {
        RuntimeException stopped = aborted.get();
        if (stopped != null) {
            throw stopped;
        }
        if (cancelled.getAsBoolean()) {
            throw new IngestCancelled("model " + modelId + " was deleted during its download");
        }
    }

    /**
     * Counts bytes as they stream, failing at the size limit and stopping on cancellation. Remembers
     * an error from the source, which the store client would otherwise report as its own.
     */
    private final class Metered extends FilterInputStream {
        private long sinceCheck;
        private Exception sourceError;

        Metered(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = super.read(buffer, offset, length);
            } catch (IOException | RuntimeException e) {
                RuntimeException stopped = aborted.get();
                if (stopped != null) {
                    // the read failed because the ingest was stopped: that is the reason, not the broken connection
                    sourceError = stopped;
                    throw stopped;
                }
                sourceError = e;
                throw e;
            }
            RuntimeException stopped = aborted.get();
            if (stopped != null) {
                sourceError = stopped;
                throw stopped;
            }
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        void rethrowSourceError() throws IOException {
            if (sourceError instanceof IOException io) {
                throw io;
            } else if (sourceError instanceof RuntimeException runtime) {
                throw runtime;
            }
        }

        private void counted(int n) {
            long total = bytes.addAndGet(n);
            sinceCheck += n;
            try {
                checkLimit(total);
                if (sinceCheck >= 1 << 20) {
                    sinceCheck = 0;
                    checkCancelled();
                    progress.progressed(total, fileCount());
                }
            } catch (RuntimeException e) {
                sourceError = e;
                throw e;
            }
        }
    }
}
