package dev.modelstore.jobs;

import com.fasterxml.jackson.annotation.JsonValue;

/** One worker's lifecycle. */
public enum WorkerStatus {
    WAITING("waiting"),
    /** Copying and verifying the model into its working directory. */
    STARTING("starting"),
    RUNNING("running"),
    /** Its command finished; its model folder is being saved as a new model. */
    SAVING("saving"),
    FINISHED("finished"),
    FAILED("failed"),
    STOPPED("stopped");

    private final String wireName;

    WorkerStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The name in JSON. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Whether the worker is done (for now: a stopped notebook worker can start again). */
    public boolean isTerminal() {
        return this == FINISHED || this == FAILED || this == STOPPED;
    }
}
