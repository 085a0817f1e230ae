package dev.modelstore.fetcher.source;

import dev.modelstore.events.SourceType;
import dev.modelstore.fetcher.store.ModelWriter;
import java.io.IOException;

/**
 * One kind of place model files come from. An implementation reads its source and hands every
 * object to the writer: a single object (which the writer extracts if it is an archive) or the
 * files of a folder with their relative paths. Problems the user can fix are thrown as
 * {@link dev.modelstore.fetcher.IngestFailure} with a reason that says what to check.
 */
public interface ModelSource {

    /** The source type this implementation serves; exactly one implementation per type. */
    SourceType type();

    /** Copies the source's content into the writer. */
    void fetch(SourceRequest request, ModelWriter writer) throws IOException;
}
