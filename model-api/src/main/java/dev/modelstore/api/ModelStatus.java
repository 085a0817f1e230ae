package dev.modelstore.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** A model's lifecycle, in the status names trainML clients know. */
public enum ModelStatus {
    NEW("new"),
    DOWNLOADING("downloading"),
    READY("ready"),
    FAILED("failed"),
    /** Ready, with a copy of its files going out (an export); it returns to ready when the export ends. */
    EXPORTING("exporting");

    private final String wireName;

    ModelStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The name in JSON. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Ready, failed and exporting are final for its ingest: no ingest event moves a model out of them. */
    public boolean isFinal() {
        return this == READY || this == FAILED || this == EXPORTING;
    }

    /** Whether the model's files are stored (ready, or ready and being exported): it can be read, used and exported. */
    public boolean hasFiles() {
        return this == READY || this == EXPORTING;
    }
}
