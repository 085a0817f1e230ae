package dev.modelstore.support.limits;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelstore.support.internal.InternalCalls;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Asks storage-service, where limits are decided, what a project's next model may take. */
@ApplicationScoped
public class StorageLimitsClient {

    private static final Logger LOG = Logger.getLogger(StorageLimitsClient.class);

    /**
     * A project's limits now.
     *
     * @param allowedBytes the most bytes the next model may have
     * @param reason which limit that is, in words
     */
    public record ProjectLimits(long allowedBytes, Long quotaBytes, long usedBytes, Long headroomBytes, String reason) {

        /** Whether a quota is set and used up. */
        public boolean quotaExhausted() {
            return headroomBytes != null && headroomBytes <= 0;
        }
    }

    private final InternalCalls calls;
    private final Optional<URI> storageUrl;

    StorageLimitsClient(InternalCalls calls, @ConfigProperty(name = "modelstore.storage-url") Optional<URI> storageUrl) {
        this.calls = calls;
        this.storageUrl = storageUrl;
    }

    /** The project's limits, or empty when storage-service cannot be asked (the caller then uses its own default). */
    public Optional<ProjectLimits> of(UUID projectId) {
        return calls.get(storageUrl, "/internal/storage/projects/" + projectId + "/limits").flatMap(answer -> {
            if (answer.status() != 200 || answer.body() == null) {
                LOG.warnf("storage-service answered %d for the limits of project %s", answer.status(), projectId);
                return Optional.empty();
            }
            return Optional.of(limits(answer.body()));
        });
    }

    /**
     * Reserves {@code bytes} of the project's quota for the model's ingest (replacing its earlier
     * reservation). The answer's {@code allowedBytes} below {@code bytes} means it did not fit and
     * nothing was reserved; empty when storage-service cannot be asked.
     */
    public Optional<ProjectLimits> reserve(UUID projectId, UUID modelId, long bytes) {
        return calls.put(storageUrl, "/internal/storage/projects/" + projectId + "/limits/reservations/" + modelId,
                java.util.Map.of("bytes", bytes)).flatMap(answer -> {
                    if (answer.status() != 200 || answer.body() == null) {
                        LOG.warnf("storage-service answered %d to a reservation for model %s", answer.status(), modelId);
                        return Optional.empty();
                    }
                    return Optional.of(limits(answer.body()));
                });
    }

    private static ProjectLimits limits(JsonNode body) {
        return new ProjectLimits(body.get("allowedBytes").asLong(), longOrNull(body, "quotaBytes"),
                body.get("usedBytes").asLong(), longOrNull(body, "headroomBytes"), body.get("reason").asText());
    }

    private static Long longOrNull(JsonNode body, String field) {
        return body.hasNonNull(field) ? body.get(field).asLong() : null;
    }
}
