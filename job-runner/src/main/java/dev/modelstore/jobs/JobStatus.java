package dev.modelstore.jobs;

import com.fasterxml.jackson.annotation.JsonValue;

/** A job's lifecycle, in words a person can follow. */
public enum JobStatus {
    /** Accepted; its model is being reserved. */
    NEW("new"),
    /** Its model is reserved; workers are about to start. */
    WAITING("waiting"),
    /** Workers are getting their copy of the model. */
    STARTING("starting"),
    RUNNING("running"),
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
