package dev.modelstore.fetcher.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelstore.events.SourceType;
import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.source.SourceCredential;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Looks up the project's credential for a source type from model-api's internal endpoint, with
 * the services' shared token. The secret lives only in memory for the ingest that needs it.
 */
@ApplicationScoped
public class ProjectCredentials {

    private static final Set<SourceType> WITH_CREDENTIALS =
            Set.of(SourceType.AWS, SourceType.WASABI, SourceType.AZURE, SourceType.GCP, SourceType.KAGGLE, SourceType.GIT);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;
    private final Optional<URI> apiUrl;
    private final Optional<String> token;

    ProjectCredentials(ObjectMapper json, @ConfigProperty(name = "modelstore.api-url") Optional<URI> apiUrl,
            @ConfigProperty(name = "modelstore.service-token") Optional<String> token) {
        this.json = json;
        this.apiUrl = apiUrl;
        this.token = token.filter(t -> !t.isBlank());
    }

    /** The project's credential for the source type, or empty (the source then tries anonymous access). */
    public Optional<SourceCredential> find(UUID projectId, SourceType type) {
        if (!WITH_CREDENTIALS.contains(type) || apiUrl.isEmpty() || token.isEmpty()) {
            return Optional.empty();
        }
        URI uri = apiUrl.get().resolve("/internal/projects/" + projectId + "/credentials/" + type.wireName());
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("X-Modelstore-Service-Token", token.get()).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new IngestFailure("the project's " + type + " credential could not be read (model-api answered "
                        + response.statusCode() + "); try again, and tell the operator if it keeps failing");
            }
            JsonNode body = json.readTree(response.body());
            return Optional.of(new SourceCredential(type.wireName(), body.path("keyId").asText(),
                    body.path("secret").asText(), body.hasNonNull("tenant") ? body.get("tenant").asText() : null));
        } catch (IOException e) {
            throw new IngestFailure("the project's " + type + " credential could not be read (" + e.getClass().getSimpleName()
                    + "); try again, and tell the operator if it keeps failing", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestFailure("interrupted while reading the project's credential");
        }
    }
}
