package dev.modelstore.api.export;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where one export stands. */
public enum ExportStatus {
    /** Accepted; waiting for a fetcher. */
    QUEUED("queued"),
    /** A fetcher copies the files (for {@code local}: waits for the user's client and sends them). */
    RUNNING("running"),
    /** Every file is at the target. */
    COMPLETED("completed"),
    /** Stopped with a reason; the model is untouched. */
    FAILED("failed");

    private final String wireName;

    ExportStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The name in JSON. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Queued or running: the model is exporting. */
    public boolean active() {
        return this == QUEUED || this == RUNNING;
    }
}
