package dev.modelstore.api.rest;

import dev.modelstore.api.service.CredentialService;
import dev.modelstore.support.rest.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gives a fetcher the secret of a project's credential, for the ingest it runs. Only callers with
 * the services' shared token get an answer; the endpoint is for the internal network, never users.
 */
@Path("/internal/projects/{projectId}/credentials/{type}")
@Produces(MediaType.APPLICATION_JSON)
public class InternalCredentialResource {

    /** The header that carries the services' shared token. */
    public static final String TOKEN_HEADER = "X-Modelstore-Service-Token";

    private final CredentialService credentials;
    private final Optional<String> serviceToken;

    InternalCredentialResource(CredentialService credentials,
            @ConfigProperty(name = "modelstore.service-token") Optional<String> serviceToken) {
        this.credentials = credentials;
        this.serviceToken = serviceToken.filter(t -> !t.isBlank());
    }

    @GET
    public CredentialService.Revealed reveal(@PathParam("projectId") String projectId, @PathParam("type") String type,
            @HeaderParam(TOKEN_HEADER) String token) {
        if (serviceToken.isEmpty() || token == null || !MessageDigest.isEqual(
                serviceToken.get().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(401, "a valid service token is required");
        }
        return credentials.reveal(CredentialResource.project(projectId), type)
                .orElseThrow(() -> ApiException.notFound("no " + type + " credential in project " + projectId));
    }
}
