package dev.modelstore.jobs.service;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A job as a caller asks for it, already read from trainML's request shape.
 *
 * @param modelSourceType {@code trainml} for a stored model, or null for none
 * @param outputType {@code trainml} to save each worker's model folder as a model, or null
 * @param outputName the output model's name ({@code data.output_options.name}), or null for {@code Job - <name>}
 * @param diskSizeGb the working-directory size, or null for the default
 */
public record NewJob(String name, String type, List<String> workers, String modelSourceType, String modelSourceUri,
        String outputType, String outputUri, String outputName, Integer diskSizeGb, Map<String, String> environment, UUID projectId) {
}
