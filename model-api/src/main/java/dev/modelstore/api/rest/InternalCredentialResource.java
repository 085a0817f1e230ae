package dev.modelstore.api.rest;

import dev.modelstore.api.service.CredentialService;
import dev.modelstore.support.auth.ServiceToken;
import dev.modelstore.support.rest.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Gives a fetcher the secret of a project's credential, for the ingest it runs. Only callers with
 * the services' shared token get an answer; the endpoint is for the internal network, never users.
 */
@Path("/internal/projects/{projectId}/credentials/{type}")
@Produces(MediaType.APPLICATION_JSON)
public class InternalCredentialResource {

    private final CredentialService credentials;
    private final ServiceToken serviceToken;

    InternalCredentialResource(CredentialService credentials, ServiceToken serviceToken) {
        this.credentials = credentials;
        this.serviceToken = serviceToken;
    }

    @GET
    public CredentialService.Revealed reveal(@PathParam("projectId") String projectId, @PathParam("type") String type,
            @HeaderParam(ServiceToken.HEADER) String token) {
        serviceToken.check(token);
        return credentials.reveal(CredentialResource.project(projectId), type)
                .orElseThrow(() -> ApiException.notFound("no " + type + " credential in project " + projectId));
    }
}
