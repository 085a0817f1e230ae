package dev.modelstore.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** A model's lifecycle, in the status names trainML clients know. */
public enum ModelStatus {
    NEW("new"),
    DOWNLOADING("downloading"),
    READY("ready"),
    FAILED("failed");

    private final String wireName;

    ModelStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The name in JSON. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Ready and failed are final: no ingest event moves a model out of them. */
    public boolean isFinal() {
        return this == READY || this == FAILED;
    }
}
