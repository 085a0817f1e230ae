package dev.modelstore.api.rest;

import dev.modelstore.support.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Forwards a user's call to the service that implements it, with the user's own token, so clients
 * use one base URL for everything (as trainML's SDK does). The answer goes back as it came.
 */
@ApplicationScoped
public class ServiceForwarder {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /**
     * Sends {@code method pathAndQuery} with the body (JSON, may be null) to the service at {@code base}.
     *
     * @param serviceName for messages: which service, and which setting names its URL
     */
    public Response forward(Optional<URI> base, String serviceName, String setting, String method, String pathAndQuery,
            String authorization, String body) {
        return forward(base, serviceName, setting, method, pathAndQuery, authorization, body, null);
    }

    /**
     * Like {@link #forward(Optional, String, String, String, String, String, String)}, telling the
     * service the base URL the user called ({@code X-Forwarded-Host}/{@code -Proto}), for URLs it hands back.
     */
    public Response forward(Optional<URI> base, String serviceName, String setting, String method, String pathAndQuery,
            String authorization, String body, URI publicBase) {
        if (base.isEmpty()) {
            throw new ApiException(503, serviceName + " is not configured here (" + setting + ")");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(base.get().resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null || body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (publicBase != null && publicBase.getHost() != null) {
            request.header("X-Forwarded-Host", publicBase.getHost() + (publicBase.getPort() < 0 ? "" : ":" + publicBase.getPort()));
            request.header("X-Forwarded-Proto", publicBase.getScheme());
        }
        if (body != null && !body.isEmpty()) {
            request.header("Content-Type", MediaType.APPLICATION_JSON);
        }
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Response.ResponseBuilder response = Response.status(answer.statusCode());
            for (String header : List.of("Location", "Link", "X-Next-Cursor")) {
                answer.headers().firstValue(header).ifPresent(value -> response.header(header, value));
            }
            String text = answer.body();
            return text == null || text.isEmpty() ? response.build()
                    : response.type(MediaType.APPLICATION_JSON).entity(text).build();
        } catch (IOException e) {
            throw new ApiException(503, serviceName + " cannot be reached right now; try again shortly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted");
        }
    }
}
