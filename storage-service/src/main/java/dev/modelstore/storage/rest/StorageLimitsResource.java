package dev.modelstore.storage.rest;

import dev.modelstore.storage.service.StorageLimits;
import dev.modelstore.support.auth.ServiceToken;
import dev.modelstore.support.rest.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A project's storage limits, for model-api and fetchers (service token). */
@Path("/internal/storage/projects/{id}/limits")
@Produces(MediaType.APPLICATION_JSON)
public class StorageLimitsResource {

    private final StorageLimits limits;
    private final ServiceToken serviceToken;

    StorageLimitsResource(StorageLimits limits, ServiceToken serviceToken) {
        this.limits = limits;
        this.serviceToken = serviceToken;
    }

    @GET
    public StorageLimits.Limits limits(@PathParam("id") String id, @HeaderParam(ServiceToken.HEADER) String token) {
        serviceToken.check(token);
        return limits.of(parse(id));
    }

    private static java.util.UUID parse(String id) {
        try {
            return java.util.UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("project " + id + " does not exist");
        }
    }
}
