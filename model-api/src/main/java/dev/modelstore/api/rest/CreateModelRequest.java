package dev.modelstore.api.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** The body of {@code POST /model}, as trainML clients send it. */
public record CreateModelRequest(
        String name,
        @JsonProperty("source_type") String sourceType,
        @JsonProperty("source_uri") String sourceUri,
        @JsonProperty("project_uuid") String projectUuid,
        String type,
        @JsonProperty("source_options") Map<String, Object> sourceOptions) {
}
