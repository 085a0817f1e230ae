package dev.modelstore.support.objectstore;

import java.io.IOException;
import java.io.InputStream;

/** Where a model writer puts objects: the model store in production ({@link ObjectUploader}). */
public interface ObjectSink {

    /** Stores the stream's bytes (exactly {@code length} of them, or all when -1) under the key. */
    StoredObject put(String key, InputStream content, long length) throws IOException;

    /**
     * Stores the bytes like {@link #put}, but may return before they are stored: the content has
     * been read (and may be closed) when this returns; the future completes once the object is
     * stored. Sinks that cannot do better store it at once.
     */
    default java.util.concurrent.CompletableFuture<StoredObject> putAsync(String key, InputStream content, long length)
            throws IOException {
        return java.util.concurrent.CompletableFuture.completedFuture(put(key, content, length));
    }
}
