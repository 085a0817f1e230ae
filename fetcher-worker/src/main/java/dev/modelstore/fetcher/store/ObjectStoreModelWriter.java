package dev.modelstore.fetcher.store;

import dev.modelstore.support.objectstore.StoredObject;
import dev.modelstore.support.objectstore.ObjectSink;
import dev.modelstore.fetcher.IngestCancelled;
import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.extract.SafePath;
import dev.modelstore.fetcher.extract.Unpacker;
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
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Writes one model's content under its own prefix and builds its manifest. Checks every path,
 * counts every byte against the size limit, reports progress, and stops as soon as the ingest is
 * cancelled. Not thread-safe: one ingest, one writer.
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
    private long bytes;
    private String singleObjectVersion;

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
        String relative = SafePath.of(path);
        if (length > 0) {
            checkLimit(bytes + length);
        }
        links.remove(relative);
        StoredObject stored;
        Metered metered = new Metered(content);
        try {
            stored = uploader.put(ModelStorageLayout.fileKey(modelId, relative), metered, length);
        } catch (SdkException e) {
            // The store client wraps whatever stopped the upload; an error reading the source is the real cause.
            metered.rethrowSourceError();
            throw new IngestFailure("the model store could not save '" + relative + "' (" + e.getMessage()
                    + "); try again, and tell the operator if it keeps failing", e);
        }
        ModelManifest.File previous = files.put(relative, new ModelManifest.File(relative, stored.size(), stored.sha256(),
                version));
        if (previous != null) {
            bytes -= previous.size();
        }
        progress.progressed(bytes, files.size());
    }

    @Override
    public void symlink(String path, String target) {
        checkCancelled();
        String relative = SafePath.of(path);
        SafePath.linkTarget(relative, target);
        links.put(relative, new ModelManifest.Link(relative, target));
    }

    @Override
    public void hardlink(String path, String existingPath) {
        checkCancelled();
        String relative = SafePath.of(path);
        String existing = SafePath.of(existingPath);
        ModelManifest.File original = files.get(existing);
        if (original == null) {
            throw new IngestFailure("the hard link '" + relative + "' points to '" + existing
                    + "', which is not a file stored before it in the archive");
        }
        checkLimit(bytes + original.size());
        uploader.copy(ModelStorageLayout.fileKey(modelId, existing), ModelStorageLayout.fileKey(modelId, relative));
        files.put(relative, new ModelManifest.File(relative, original.size(), original.sha256(), original.version()));
        bytes += original.size();
        progress.progressed(bytes, files.size());
    }

    @Override
    public void sourceVersion(String version) {
        singleObjectVersion = version;
    }

    @Override
    public void expectTotal(long total) {
        checkLimit(total);
    }

    /** Bytes stored so far. */
    public long bytes() {
        return bytes;
    }

    /** The manifest of everything written. */
    public ModelManifest manifest(String source) {
        return new ModelManifest(modelId, source, singleObjectVersion, Instant.now(), bytes, files.size(),
                new ArrayList<>(files.values()), List.copyOf(links.values()));
    }

    private void checkLimit(long total) {
        if (total > maxBytes) {
            throw new IngestFailure("the model is larger than the limit of " + Sizes.human(maxBytes) + " ("
                    + Sizes.human(total) + " so far), set by " + limitName);
        }
    }

    private void checkCancelled() {
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
                sourceError = e;
                throw e;
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
            bytes += n;
            sinceCheck += n;
            try {
                checkLimit(bytes);
                if (sinceCheck >= 1 << 20) {
                    sinceCheck = 0;
                    checkCancelled();
                    progress.progressed(bytes, files.size());
                }
            } catch (RuntimeException e) {
                sourceError = e;
                throw e;
            }
        }
    }
}
