package dev.modelstore.api.rest;

import dev.modelstore.support.auth.Caller;
import dev.modelstore.support.rest.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /project/{id}/storage} on the same base URL as {@code /model}: storage-service's
 * answer for the caller's project, fetched with the caller's own token.
 */
@Path("/project/{projectId}/storage")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectStorageResource {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Optional<URI> storageUrl;
    private final Caller caller;

    ProjectStorageResource(@ConfigProperty(name = "modelstore.storage-url") Optional<URI> storageUrl, Caller caller) {
        this.storageUrl = storageUrl;
        this.caller = caller;
    }

    @GET
    public Response storage(@PathParam("projectId") String projectId, @HeaderParam("Authorization") String authorization) {
        UUID project = caller.project(projectId);
        if (storageUrl.isEmpty()) {
            throw new ApiException(503, "storage answers are not configured here (modelstore.storage-url)");
        }
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                            storageUrl.get().resolve("/storage/projects/" + project))
                    .header("Authorization", authorization).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return Response.status(answer.statusCode()).type(MediaType.APPLICATION_JSON).entity(answer.body()).build();
        } catch (IOException e) {
            throw new ApiException(503, "storage-service cannot be reached right now; try again shortly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted");
        }
    }
}
