package dev.modelstore.support.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Verifies tokens by asking model-api (which owns them) over its internal endpoint, remembering
 * each answer for a few seconds; a revoked token stops working here within that time.
 */
@DefaultBean
@ApplicationScoped
public class RemoteTokenVerifier implements TokenVerifier {

    private static final Logger LOG = Logger.getLogger(RemoteTokenVerifier.class);
    private static final long CACHE_NANOS = Duration.ofSeconds(5).toNanos();

    private record Answer(Optional<VerifiedToken> token, long at) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<String, Answer> cache = new ConcurrentHashMap<>();
    private final ObjectMapper json;
    private final Optional<URI> apiUrl;
    private final Optional<String> serviceToken;

    RemoteTokenVerifier(ObjectMapper json, @ConfigProperty(name = "modelstore.api-url") Optional<URI> apiUrl,
            @ConfigProperty(name = "modelstore.service-token") Optional<String> serviceToken) {
        this.json = json;
        this.apiUrl = apiUrl;
        this.serviceToken = serviceToken.filter(t -> !t.isBlank());
    }

    @Override
    public Optional<VerifiedToken> verify(String rawToken) {
        String hash = ApiTokens.hash(rawToken);
        Answer cached = cache.get(hash);
        if (cached != null && System.nanoTime() - cached.at() < CACHE_NANOS) {
            return cached.token();
        }
        Optional<VerifiedToken> answer = ask(hash);
        cache.put(hash, new Answer(answer, System.nanoTime()));
        return answer;
    }

    private Optional<VerifiedToken> ask(String hash) {
        if (apiUrl.isEmpty() || serviceToken.isEmpty()) {
            LOG.warn("cannot verify API tokens: modelstore.api-url or modelstore.service-token is not configured");
            return Optional.empty();
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(apiUrl.get().resolve("/internal/tokens/verify"))
                    .timeout(Duration.ofSeconds(5))
                    .header("X-Modelstore-Service-Token", serviceToken.get())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("token_hash", hash))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode body = json.readTree(response.body());
            return Optional.of(new VerifiedToken(UUID.fromString(body.get("token_uuid").asText()),
                    UUID.fromString(body.get("project_uuid").asText())));
        } catch (IOException e) {
            LOG.warnf("cannot verify an API token with model-api: %s", e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
