package dev.modelstore.api.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.modelstore.support.input.Redaction;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One export as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportView(
        @JsonProperty("export_uuid") UUID exportUuid,
        @JsonProperty("model_uuid") UUID modelUuid,
        @JsonProperty("output_type") String outputType,
        @JsonProperty("output_uri") String outputUri,
        @JsonProperty("output_options") Map<String, String> outputOptions,
        String status,
        long bytes,
        long files,
        @JsonProperty("total_bytes") Long totalBytes,
        @JsonProperty("total_files") Long totalFiles,
        String reason,
        String note,
        @JsonProperty("requested_at") Instant requestedAt,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("finished_at") Instant finishedAt) {

    /** The view of an export. */
    public static ExportView of(ModelExport export) {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        if (export.outputOptions != null) {
            // endpoint_url and any other URL-like value shown without user info or query (where secrets would be)
            export.outputOptions.forEach((key, value) -> options.put(key, Redaction.url(value)));
        }
        return new ExportView(export.id, export.modelId, export.outputType, Redaction.url(export.outputUri),
                options, export.status.wireName(), export.bytes, export.files, export.totalBytes,
                export.totalFiles, export.reason, export.note, export.requestedAt, export.startedAt, export.finishedAt);
    }
}
