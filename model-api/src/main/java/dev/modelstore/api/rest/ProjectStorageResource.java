package dev.modelstore.api.rest;

import dev.modelstore.support.auth.Caller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
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

    private final Optional<URI> storageUrl;
    private final Caller caller;
    private final ServiceForwarder forwarder;

    ProjectStorageResource(@ConfigProperty(name = "modelstore.storage-url") Optional<URI> storageUrl, Caller caller,
            ServiceForwarder forwarder) {
        this.storageUrl = storageUrl;
        this.caller = caller;
        this.forwarder = forwarder;
    }

    @GET
    public Response storage(@PathParam("projectId") String projectId, @HeaderParam("Authorization") String authorization) {
        UUID project = caller.project(projectId);
        return forwarder.forward(storageUrl, "storage-service", "modelstore.storage-url", "GET",
                "/storage/projects/" + project, authorization, null);
    }
}
