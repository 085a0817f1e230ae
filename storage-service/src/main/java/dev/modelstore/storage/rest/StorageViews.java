package dev.modelstore.storage.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** The JSON answers of the storage API. */
public final class StorageViews {

    private StorageViews() {
    }

    /** One model's stored bytes. */
    public record ModelStorage(@JsonProperty("model_uuid") UUID modelUuid, @JsonProperty("project_uuid") UUID projectUuid,
            long size, @JsonProperty("file_count") long fileCount, Instant updatedAt) {
    }

    /** A project's stored bytes over all its models. */
    public record ProjectStorage(@JsonProperty("project_uuid") UUID projectUuid, @JsonProperty("used_size") long usedSize,
            @JsonProperty("model_count") long modelCount) {
    }
}
