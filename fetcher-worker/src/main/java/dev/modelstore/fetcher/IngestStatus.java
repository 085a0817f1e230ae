package dev.modelstore.fetcher;

/** Where one model's ingest stands in this fetcher pool. */
public enum IngestStatus {
    /** Waiting for a slot on some fetcher. */
    QUEUED,
    RUNNING,
    READY,
    FAILED,
    CANCELLED;

    /** Ready, failed and cancelled ingests are never run again. */
    public boolean isFinal() {
        return this != RUNNING && this != QUEUED;
    }
}
