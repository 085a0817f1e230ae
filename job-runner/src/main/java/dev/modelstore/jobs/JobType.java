package dev.modelstore.jobs;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** Kinds of jobs, in trainML's names. A notebook runs until stopped and can be started again. */
public enum JobType {
    TRAINING("training"),
    INFERENCE("inference"),
    NOTEBOOK("notebook");

    private final String wireName;

    JobType(String wireName) {
        this.wireName = wireName;
    }

    /** The name in JSON. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The type with this name, if any. */
    public static Optional<JobType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
