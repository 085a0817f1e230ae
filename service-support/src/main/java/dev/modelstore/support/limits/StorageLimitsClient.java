package dev.modelstore.support.limits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelstore.support.auth.ServiceToken;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ObjectMapper json;
    private final Optional<URI> storageUrl;
    private final Optional<String> serviceToken;

    StorageLimitsClient(ObjectMapper json, @ConfigProperty(name = "modelstore.storage-url") Optional<URI> storageUrl,
            @ConfigProperty(name = "modelstore.service-token") Optional<String> serviceToken) {
        this.json = json;
        this.storageUrl = storageUrl;
        this.serviceToken = serviceToken.filter(t -> !t.isBlank());
    }

    /** The project's limits, or empty when storage-service cannot be asked (the caller then uses its own default). */
    public Optional<ProjectLimits> of(UUID projectId) {
        if (storageUrl.isEmpty() || serviceToken.isEmpty()) {
            return Optional.empty();
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            storageUrl.get().resolve("/internal/storage/projects/" + projectId + "/limits"))
                    .header(ServiceToken.HEADER, serviceToken.get()).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.warnf("storage-service answered %d for the limits of project %s", response.statusCode(), projectId);
                return Optional.empty();
            }
            JsonNode body = json.readTree(response.body());
            return Optional.of(new ProjectLimits(body.get("allowedBytes").asLong(), longOrNull(body, "quotaBytes"),
                    body.get("usedBytes").asLong(), longOrNull(body, "headroomBytes"), body.get("reason").asText()));
        } catch (IOException e) {
            LOG.warnf("cannot ask storage-service for the limits of project %s: %s", projectId, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Long longOrNull(JsonNode body, String field) {
        return body.hasNonNull(field) ? body.get(field).asLong() : null;
    }
}
