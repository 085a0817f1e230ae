package dev.modelstore.fetcher.export;

import dev.modelstore.fetcher.IngestFailure;

/**
 * An export that cannot succeed, with a reason for the person who asked (what went wrong and what
 * to check); cleaned as ingest reasons are: URLs redacted, printable, bounded.
 */
public class ExportFailure extends RuntimeException {

    public ExportFailure(String reason) {
        super(IngestFailure.clean(reason));
    }

    public ExportFailure(String reason, Throwable cause) {
        super(IngestFailure.clean(reason), cause);
    }
}
