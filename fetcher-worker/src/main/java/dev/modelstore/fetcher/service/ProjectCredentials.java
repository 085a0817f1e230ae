package dev.modelstore.fetcher.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelstore.events.SourceType;
import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.source.SourceCredential;
import dev.modelstore.support.internal.InternalCalls;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
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

    private final InternalCalls calls;
    private final Optional<URI> apiUrl;

    ProjectCredentials(InternalCalls calls, @ConfigProperty(name = "modelstore.api-url") Optional<URI> apiUrl) {
        this.calls = calls;
        this.apiUrl = apiUrl;
    }

    /** The project's credential for the source type, or empty (the source then tries anonymous access). */
    public Optional<SourceCredential> find(UUID projectId, SourceType type) {
        if (!WITH_CREDENTIALS.contains(type) || !calls.canCall(apiUrl)) {
            return Optional.empty();
        }
        InternalCalls.Answer answer = calls.get(apiUrl, "/internal/projects/" + projectId + "/credentials/" + type.wireName())
                .orElseThrow(() -> new IngestFailure("the project's " + type + " credential could not be read (model-api "
                        + "did not answer); try again, and tell the operator if it keeps failing"));
        if (answer.status() == 404) {
            return Optional.empty();
        }
        if (answer.status() != 200 || answer.body() == null) {
            throw new IngestFailure("the project's " + type + " credential could not be read (model-api answered "
                    + answer.status() + "); try again, and tell the operator if it keeps failing");
        }
        JsonNode body = answer.body();
        return Optional.of(new SourceCredential(type.wireName(), body.path("keyId").asText(), body.path("secret").asText(),
                body.hasNonNull("tenant") ? body.get("tenant").asText() : null));
    }
}
