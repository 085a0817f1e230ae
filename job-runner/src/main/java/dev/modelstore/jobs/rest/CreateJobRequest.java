package dev.modelstore.jobs.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST /job} as trainML's SDK sends it. {@link JobRequestFields} has checked every field
 * first, so the ones left out here are either only recorded (GPU choice) or refused.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateJobRequest(
        @Schema(example = "bert-finetune") String name,
        @Schema(example = "training", description = "training, inference or notebook") String type,
        Resources resources,
        @Schema(example = "[\"python train.py --epochs 3\", \"python train.py --epochs 3 --seed 2\"]",
                description = "one shell command per worker (as worker_commands)") List<String> workers,
        @JsonProperty("worker_commands")
        @Schema(example = "[\"python train.py --epochs 3\"]", description = "trainML's SDK's name for workers")
        List<String> workerCommands,
        @Schema(example = "{\"source_type\": \"trainml\", \"source_uri\": \"6b8e9b8e-3f1d-4e4a-b0a1-6c1d2e3f0002\"}")
        ModelInput model,
        @Schema(example = "{\"output_type\": \"trainml\", \"output_uri\": \"model\"}") DataOutput data,
        @Schema(example = "{\"env\": [{\"key\": \"EPOCHS\", \"value\": \"3\"}]}") JsonNode environment,
        @JsonProperty("project_uuid") String projectUuid) {

    /** The workers' commands: {@code worker_commands} (the SDK's field), else {@code workers}. */
    public List<String> commands() {
        return workerCommands != null && !workerCommands.isEmpty() ? workerCommands : workers;
    }

    /** {@code resources}: the working-directory size in GB (GPU fields are answered with a warning). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Resources(@JsonProperty("disk_size") Integer diskSize) {
    }

    /** {@code model}: {@code {source_type: "trainml", source_uri: <model id>}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ModelInput(@JsonProperty("source_type") String sourceType, @JsonProperty("source_uri") String sourceUri) {
    }

    /** {@code data}: {@code {output_type: "trainml", output_uri: "model"}} saves each worker's model folder. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DataOutput(@JsonProperty("output_type") String outputType, @JsonProperty("output_uri") String outputUri,
            @JsonProperty("output_options") OutputOptions outputOptions) {
    }

    /** {@code data.output_options}: {@code name} names the output model ({@code Job - <name>} by default). */
    public record OutputOptions(String name) {
    }

    /**
     * The variables of {@code environment}: trainML's {@code env} list of {@code {key, value}}, or a
     * plain object of names to values.
     */
    public Map<String, String> environmentVariables() {
        Map<String, String> variables = new java.util.LinkedHashMap<>();
        if (environment == null || environment.isNull()) {
            return variables;
        }
        if (environment.has("env") && environment.get("env").isArray()) {
            environment.get("env").forEach(e -> variables.put(e.path("key").asText(), e.path("value").asText()));
        } else if (environment.isObject() && !environment.has("type")) {
            environment.fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue().asText()));
        }
        return variables;
    }
}
