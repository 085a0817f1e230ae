package dev.modelstore.fetcher.store;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where sources and extractors put a model's content. Every path is checked with
 * {@link dev.modelstore.fetcher.extract.SafePath} before anything is written, and the model's size
 * limit is enforced on the bytes as they stream.
 */
public interface ModelWriter {

    /**
     * One object from a source: extracted if it is an archive, else stored as the file {@code name}.
     *
     * @param version the source's version of the object (ETag, generation), recorded in the manifest; may be null
     */
    void singleObject(String name, InputStream content, long length, String version) throws IOException;

    /** One object from a source whose version is not known. */
    default void singleObject(String name, InputStream content, long length) throws IOException {
        singleObject(name, content, length, null);
    }

    /**
     * One file at a path relative to the model root; {@code length} is -1 when unknown.
     *
     * @param version the source's version of the file, recorded in the manifest; may be null
     */
    void file(String path, InputStream content, long length, String version) throws IOException;

    /** One file whose source version is not known (archive entries). */
    default void file(String path, InputStream content, long length) throws IOException {
        file(path, content, length, null);
    }

    /** A symbolic link, kept only if its target stays inside the model. */
    void symlink(String path, String target);

    /** A hard link to a file stored earlier in the same model. */
    void hardlink(String path, String existingPath);

    /** Records what version of the source the model is (a git commit id), for the manifest. */
    void sourceVersion(String version);

    /** Tells the writer the total size as soon as the source knows it, so an oversized model fails at once. */
    void expectTotal(long bytes);

    /**
     * Registers how to abort a read in progress (cancel the HTTP request, abort the object stream):
     * run at once when the ingest is stopped (deleted, past its deadline, too slow), so a blocked
     * read ends without the rest of the source being drained. Close the handle when the read is over.
     */
    default AutoCloseable whileReading(Runnable abortAction) {
        return () -> { };
    }

    /** Work done that is not file bytes (a git fetch receiving objects), so a busy source does not look stalled. */
    default void activity(long units) {
    }

    /** Whether the ingest has been stopped (sources that poll, like JGit's progress monitor, ask this). */
    default boolean isAborted() {
        return false;
    }

    /** Something the ingest left out, and why (a FIFO in an archive), for the model's log. */
    default void note(String what) {
    }
}
