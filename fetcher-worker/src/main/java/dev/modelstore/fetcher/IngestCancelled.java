package dev.modelstore.fetcher;

/** The model was deleted while its ingest ran; the ingest stops and removes what it wrote. */
public class IngestCancelled extends RuntimeException {

    public IngestCancelled(String message) {
        super(message);
    }
}
