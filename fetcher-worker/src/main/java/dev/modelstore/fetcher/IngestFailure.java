package dev.modelstore.fetcher;

/**
 * An ingest that cannot succeed, with a reason written for the person who created the model (what
 * went wrong and what to check). Never carries secrets: the model's {@code failed} status shows it.
 */
public class IngestFailure extends RuntimeException {

    public IngestFailure(String reason) {
        super(reason);
    }

    public IngestFailure(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** The reason shown to the user. */
    public String reason() {
        return getMessage();
    }
}
