package dev.modelstore.api.logs;

import java.util.List;

/** Where a stream's lines come from: a model's ingest log or a job's live log. */
public interface LogSource {

    /** Lines in order, the position after the last of them, and whether nothing will follow them. */
    record Page(List<LogLine> lines, long cursor, boolean ended) {
    }

    /** The latest {@code count} lines (oldest first) and the position after the newest line there is. */
    Page latest(int count);

    /** Up to {@code limit} lines after position {@code after}; ended once the entity is done and all its lines were read. */
    Page after(long after, int limit);
}
