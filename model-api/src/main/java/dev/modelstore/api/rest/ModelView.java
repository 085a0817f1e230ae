package dev.modelstore.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.modelstore.api.Model;
import dev.modelstore.api.ModelStatus;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A model as the API shows it, in the field names trainML clients read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelView(
        @JsonProperty("model_uuid") UUID modelUuid,
        UUID id,
        @JsonProperty("project_uuid") UUID projectUuid,
        String name,
        String type,
        ModelStatus status,
        @JsonProperty("source_type") String sourceType,
        @JsonProperty("source_uri") String sourceUri,
        @JsonProperty("source_options") Map<String, String> sourceOptions,
        Long size,
        @JsonProperty("used_size") Long usedSize,
        @JsonProperty("billed_size") Long billedSize,
        @JsonProperty("file_count") Long fileCount,
        Progress progress,
        @JsonProperty("failure_reason") String failureReason,
        @JsonProperty("active_jobs") long activeJobs,
        String hostname,
        @JsonProperty("auth_token") String authToken,
        @JsonProperty("output_uri") String outputUri,
        Instant createdAt,
        Instant updatedAt) {

    /** How far a download has got. */
    public record Progress(long bytes, long files) {
    }

    /**
     * The view of a model; a local model waiting for its upload also shows where and with what token
     * to upload, a model exporting to the user's computer where and with what token to download, and
     * to which folder ({@code output_uri}).
     */
    public static ModelView of(Model model, long activeJobs, String hostname, String authToken, String outputUri) {
        return new ModelView(model.id, model.id, model.projectId, model.name, model.type, model.status,
                model.sourceType.wireName(), dev.modelstore.support.input.Redaction.url(model.sourceUri), model.sourceOptions, model.sizeBytes, model.sizeBytes,
                model.sizeBytes, model.fileCount,
                model.status == ModelStatus.DOWNLOADING ? new Progress(model.progressBytes, model.progressFiles) : null,
                model.failureReason, activeJobs, authToken == null ? null : hostname, authToken, outputUri, model.createdAt,
                model.updatedAt);
    }
}
