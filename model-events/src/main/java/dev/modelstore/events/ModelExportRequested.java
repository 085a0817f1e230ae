package dev.modelstore.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A ready model is to be copied out: to a bucket or container ({@code aws}, {@code azure},
 * {@code gcp}, {@code wasabi}), a regional datastore folder, or to the user's computer ({@code local},
 * downloaded through the export sender). model-api → fetcher-worker.
 *
 * @param outputType the target's type, in trainML's wire names
 * @param outputUri where the files go (for {@code local}, the user's folder, which only the client uses)
 * @param outputOptions the type-specific options ({@code endpoint_url}, {@code overwrite}); never holds secrets
 * @param manifestKey the object that lists the model's files
 * @param tokenSha256 for {@code local}: the SHA-256 of the download token the user holds (never the token)
 */
public record ModelExportRequested(
        UUID eventId,
        Instant occurredAt,
        UUID exportId,
        UUID modelId,
        UUID projectId,
        String outputType,
        String outputUri,
        Map<String, String> outputOptions,
        String manifestKey,
        String tokenSha256)
        implements ModelstoreEvent {

    public ModelExportRequested {
        outputOptions = outputOptions == null ? Map.of() : Map.copyOf(outputOptions);
    }

    @Override
    public String key() {
        return modelId.toString();
    }
}
