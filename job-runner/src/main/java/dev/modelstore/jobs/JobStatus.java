package dev.modelstore.jobs;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A job's lifecycle, in trainML's status names where trainML has one (its SDK's {@code wait_for}
 * knows them), so that its clients follow a Modelstore job as they follow a trainML one.
 */
public enum JobStatus {
    /** Accepted; its model is being reserved. */
    NEW("new"),
    /** Its model is reserved; workers wait for a slot to start in. */
    WAITING("waiting for resources"),
    /** Workers are getting their copy of the model. */
    STARTING("waiting for data/model download"),
    RUNNING("running"),
    /** No worker runs any more; the output of at least one is being saved as a model. */
    UPLOADING("uploading"),
    STOPPING("stopping"),
    /** Stopped on request; a notebook can be started again. */
    STOPPED("stopped"),
    FINISHED("finished"),
    FAILED("failed"),
    /** Removed by its user; no longer listed. */
    REMOVED("removed");

    private final String wireName;

    JobStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The name in JSON. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Whether nothing runs any more (a stopped notebook may still be started again). */
    public boolean isTerminal() {
        return this == STOPPED || this == FINISHED || this == FAILED || this == REMOVED;
    }
}
