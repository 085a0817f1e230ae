package dev.modelstore.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A model was created and its files should be fetched from its source.
 *
 * @param sourceOptions the type-specific options (e.g. {@code endpoint_url}); never holds secrets,
 *     which stay with the project's credentials
 */
public record ModelRequested(
        UUID eventId,
        Instant occurredAt,
        UUID modelId,
        UUID projectId,
        SourceType sourceType,
        String sourceUri,
        Map<String, String> sourceOptions)
        implements ModelstoreEvent {

    public ModelRequested {
        sourceOptions = sourceOptions == null ? Map.of() : Map.copyOf(sourceOptions);
    }

    @Override
    public String key() {
        return modelId.toString();
    }
}
