package dev.modelstore.support.internal;

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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Calls another service's {@code /internal/} endpoints with the services' shared token: the one
 * HTTP client for token checks, credentials and storage limits.
 */
@ApplicationScoped
public class InternalCalls {

    private static final Logger LOG = Logger.getLogger(InternalCalls.class);

    /** A service's answer: its status and JSON body (null when empty). */
    public record Answer(int status, JsonNode body) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ObjectMapper json;
    private final Optional<String> serviceToken;

    /** Calls other services with the service token (none configured: every call is refused here). */
    public InternalCalls(ObjectMapper json, @ConfigProperty(name = "modelstore.service-token") Optional<String> serviceToken) {
        this.json = json;
        this.serviceToken = serviceToken.filter(t -> !t.isBlank());
    }

    /** Whether calls to the base can be made at all (its URL and the service token are configured). */
    public boolean canCall(Optional<URI> base) {
        return base.isPresent() && serviceToken.isPresent();
    }

    /** GETs {@code base + path}; empty when the call cannot be made (not configured, unreachable). */
    public Optional<Answer> get(Optional<URI> base, String path) {
        return call(base, path, HttpRequest.BodyPublishers.noBody(), "GET");
    }

    /** POSTs the body as JSON to {@code base + path}; empty when the call cannot be made. */
    public Optional<Answer> post(Optional<URI> base, String path, Object body) {
        try {
            return call(base, path, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)), "POST");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the request body", e);
        }
    }

    /** PUTs the body as JSON to {@code base + path}; empty when the call cannot be made. */
    public Optional<Answer> put(Optional<URI> base, String path, Object body) {
        try {
            return call(base, path, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)), "PUT");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the request body", e);
        }
    }

    private Optional<Answer> call(Optional<URI> base, String path, HttpRequest.BodyPublisher body, String method) {
        if (!canCall(base)) {
            LOG.warnf("cannot call %s: the service URL or modelstore.service-token is not configured", path);
            return Optional.empty();
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.get().resolve(path))
                    .header(ServiceToken.HEADER, serviceToken.get())
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .method(method, body).build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return Optional.of(new Answer(response.statusCode(), text == null || text.isBlank() ? null : json.readTree(text)));
        } catch (IOException e) {
            LOG.warnf("cannot call %s: %s", path, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
