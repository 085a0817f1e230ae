package dev.modelstore.fetcher.export.targets;

import dev.modelstore.events.ModelExportRequested;
import dev.modelstore.fetcher.source.SourceCredential;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * One kind of place a model is exported to (a bucket, a container, a datastore folder): one
 * implementation per output type, as sources are. A session writes the model's files under the
 * target's prefix with the paths they have in the model. Problems the user can fix are thrown as
 * {@link dev.modelstore.fetcher.export.ExportFailure} with a reason that says what to check.
 */
public interface ExportTarget {

    /** The output types this implementation serves. */
    Set<String> types();

    /** Opens the target the request names, with the project's credential of its type. */
    Session open(ModelExportRequested request, Optional<SourceCredential> credential) throws IOException;

    /** A connection to one target folder. */
    interface Session extends AutoCloseable {

        /** How the file at {@code path} (relative to the target folder) is shown to users. */
        String display(String path);

        /** Which of these paths already hold an object at the target. */
        Set<String> existing(Collection<String> paths) throws IOException;

        /** Writes exactly {@code size} bytes of {@code content} at {@code path}, replacing what is there. */
        void write(String path, InputStream content, long size) throws IOException;

        /** Removes what {@link #write} left at {@code path} (a file whose bytes turned out wrong); safe to repeat. */
        void delete(String path) throws IOException;

        /**
         * Ends the session's transfers at once, from another thread (the export stalled or was
         * stopped): a write blocked on a target that stopped reading fails. By default nothing: the
         * target's client has its own write timeouts.
         */
        default void abort() {
        }

        /** How many files may be written at once. */
        default int parallelWrites() {
            return 8;
        }

        @Override
        default void close() throws IOException {
        }
    }

    /** The folder prefix a URI's path names: empty, or ending in exactly one {@code /}. */
    static String folder(String path) {
        String folder = path == null ? "" : path;
        while (folder.startsWith("/")) {
            folder = folder.substring(1);
        }
        return folder.isEmpty() || folder.endsWith("/") ? folder : folder + "/";
    }
}
