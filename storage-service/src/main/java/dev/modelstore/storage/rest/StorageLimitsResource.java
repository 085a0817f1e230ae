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

    /** The body of a reservation: how many bytes the model's ingest needs so far. */
    public record ReservationRequest(long bytes) {
    }

    /**
     * Reserves part of the project's quota for one model's ingest (replacing its earlier reservation);
     * the answer's {@code allowedBytes} below {@code bytes} means nothing was reserved.
     */
    @jakarta.ws.rs.PUT
    @Path("/reservations/{modelId}")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    public StorageLimits.Limits reserve(@PathParam("id") String id, @PathParam("modelId") String modelId,
            @HeaderParam(ServiceToken.HEADER) String token, ReservationRequest body) {
        serviceToken.check(token);
        if (body == null || body.bytes() < 0) {
            throw ApiException.badRequest("a JSON body with bytes (at least 0) is required");
        }
        return limits.reserve(parse(id), parse(modelId), body.bytes());
    }

    private static java.util.UUID parse(String id) {
        try {
            return java.util.UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("project " + id + " does not exist");
        }
    }
}
