package dev.modelstore.api.export;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** The body of {@code POST /model/{id}/export}, as trainML's SDK sends it. */
public record ExportRequest(
        @JsonProperty("output_type") String outputType,
        @JsonProperty("output_uri") String outputUri,
        @JsonProperty("output_options") Map<String, Object> outputOptions,
        @JsonProperty("project_uuid") String projectUuid) {
}
