package dev.modelstore.api.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /model}, as trainML clients send it. */
public record CreateModelRequest(
        @Schema(example = "bert-base-uncased") String name,
        @Schema(example = "web", description = "aws, azure, gcp, git, kaggle, local, wasabi, web or regional")
        @JsonProperty("source_type") String sourceType,
        @Schema(example = "https://example.com/models/bert-base-uncased.tar.gz",
                description = "the form depends on source_type: GET /model/source-types lists them")
        @JsonProperty("source_uri") String sourceUri,
        @Schema(description = "the caller's project (the token's project when absent)")
        @JsonProperty("project_uuid") String projectUuid,
        @Schema(example = "model") String type,
        @Schema(example = "{\"endpoint_url\": \"https://s3.wasabisys.com\"}",
                description = "per type: endpoint_url (wasabi), type (kaggle), ref (git), path (regional)")
        @JsonProperty("source_options") Map<String, Object> sourceOptions) {
}
