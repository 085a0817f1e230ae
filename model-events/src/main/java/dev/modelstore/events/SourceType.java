package dev.modelstore.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** Where a model's files come from; the wire names are trainML's {@code source_type} values. */
public enum SourceType {
    AWS("aws"),
    AZURE("azure"),
    GCP("gcp"),
    GIT("git"),
    KAGGLE("kaggle"),
    LOCAL("local"),
    WASABI("wasabi"),
    WEB("web"),
    REGIONAL("regional"),
    /** A folder saved by a job or notebook; created by job-runner, never requested through {@code POST /model}. */
    JOB("job");

    private final String wireName;

    SourceType(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in JSON, URLs and configuration. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Whether a user can ask for a model of this type through {@code POST /model}. */
    public boolean requestable() {
        return this != JOB;
    }

    /** The source type with this wire name, if any. */
    public static Optional<SourceType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    @JsonCreator
    static SourceType fromJson(String name) {
        return fromWireName(name).orElseThrow(() -> new IllegalArgumentException("unknown source type: " + name));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
