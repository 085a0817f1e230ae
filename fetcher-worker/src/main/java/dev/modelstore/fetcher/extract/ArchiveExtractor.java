package dev.modelstore.fetcher.extract;

import dev.modelstore.fetcher.store.ModelWriter;
import java.io.IOException;
import java.io.InputStream;

/** Extracts one archive format while it streams, handing each entry to the writer (which checks its path). */
public interface ArchiveExtractor {

    /** The format name commons-compress detects it by ({@code tar}, {@code zip}). */
    String format();

    /** Reads the archive to its end. */
    void extract(InputStream archive, ModelWriter writer) throws IOException;
}
