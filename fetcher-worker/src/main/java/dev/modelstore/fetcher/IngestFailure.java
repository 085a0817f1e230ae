package dev.modelstore.fetcher;

import dev.modelstore.support.input.Redaction;
import dev.modelstore.support.input.Texts;

/**
 * An ingest that cannot succeed, with a reason written for the person who created the model (what
 * went wrong and what to check). Never carries secrets: the model's {@code failed} status shows it,
 * so credentials in URLs are redacted, and text a remote server supplied is cut to a bounded length.
 */
public class IngestFailure extends RuntimeException {

    public IngestFailure(String reason) {
        super(clean(reason));
    }

    public IngestFailure(String reason, Throwable cause) {
        super(clean(reason), cause);
    }

    /** A reason as it may be shown: URLs redacted, printable, at most {@link Texts#REASON} characters. */
    public static String clean(String reason) {
        return Texts.bounded(Redaction.urls(reason), Texts.REASON);
    }

    /** The reason shown to the user. */
    public String reason() {
        return getMessage();
    }
}
