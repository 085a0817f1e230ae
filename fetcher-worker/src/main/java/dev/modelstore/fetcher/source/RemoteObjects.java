package dev.modelstore.fetcher.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * A session with one bucket, container, server or folder of a store-like source: the few calls
 * {@link ObjectStoreSource} needs. Errors a user can fix are thrown as
 * {@link dev.modelstore.fetcher.IngestFailure} with a reason that names what to check.
 */
public interface RemoteObjects extends AutoCloseable {

    /** Every object whose key starts with {@code prefix}, all pages of them. */
    Iterable<RemoteObject> list(String prefix) throws IOException;

    /** The object with exactly this key, if it exists. */
    Optional<RemoteObject> stat(String key) throws IOException;

    /**
     * Opens the object's content, insisting on the version that was listed.
     *
     * @throws ObjectChangedException when the object is no longer that version
     */
    InputStream open(RemoteObject object) throws IOException;

    /**
     * How many objects may be read at once in one session. Clients of object stores are thread-safe
     * and many reads hide each request's latency; a session over one connection (FTP) reads one at a time.
     */
    default int parallelReads() {
        return 1;
    }

    /**
     * Ends a read in progress at once, from another thread, without reading the rest of the object
     * (which closing the stream may do, to reuse the connection). By default the stream is closed on a
     * thread of its own, so that a close that blocks holds up nobody.
     */
    default void abort(InputStream opened) {
        Thread closer = new Thread(() -> {
            try {
                opened.close();
            } catch (IOException | RuntimeException e) {
                // the read it ends fails with its own error
            }
        }, "source-abort");
        closer.setDaemon(true);
        closer.start();
    }

    /** What object-store sessions allow: enough parallel reads to hide per-object latency. */
    int OBJECT_STORE_PARALLEL_READS = 32;

    @Override
    default void close() throws IOException {
    }

    /** The object changed between listing and reading. */
    final class ObjectChangedException extends IOException {
        public ObjectChangedException(String key) {
            super("object " + key + " changed while it was being copied");
        }
    }
}
