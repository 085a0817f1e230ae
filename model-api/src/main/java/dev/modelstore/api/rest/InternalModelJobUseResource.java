package dev.modelstore.api.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.modelstore.api.Model;
import dev.modelstore.api.service.ModelJobUses;
import dev.modelstore.support.auth.ServiceToken;
import dev.modelstore.support.rest.ApiException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/**
 * job-runner's synchronous reservation of a model for a job it is accepting: answers the model
 * (size, manifest) when the job may use it, 404 when it does not exist (or was deleted), 409 when it
 * is not ready. For services only (the shared service token).
 */
@Path("/internal/models/{modelId}/job-uses")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalModelJobUseResource {

    /** What job-runner sends. */
    public record Reservation(@JsonProperty("job_uuid") UUID jobId, @JsonProperty("project_uuid") UUID projectId,
            @JsonProperty("job_name") String jobName) {
    }

    /** What a job needs to know of the model it may use. */
    public record Reserved(@JsonProperty("model_uuid") UUID modelId, String name, long size,
            @JsonProperty("file_count") long fileCount, @JsonProperty("manifest_key") String manifestKey) {
    }

    private final ModelJobUses uses;
    private final ServiceToken serviceToken;

    InternalModelJobUseResource(ModelJobUses uses, ServiceToken serviceToken) {
        this.uses = uses;
        this.serviceToken = serviceToken;
    }

    @POST
    public Reserved reserve(@PathParam("modelId") String modelId, Reservation body,
            @HeaderParam(ServiceToken.HEADER) String token) {
        serviceToken.check(token);
        if (body == null || body.jobId() == null || body.projectId() == null) {
            throw ApiException.badRequest("job_uuid and project_uuid are required");
        }
        UUID id;
        try {
            id = UUID.fromString(modelId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("model " + modelId + " does not exist");
        }
        Model model = uses.reserve(id, body.projectId(), body.jobId(), body.jobName());
        return new Reserved(model.id, model.name, model.sizeBytes == null ? 0 : model.sizeBytes,
                model.fileCount == null ? 0 : model.fileCount, model.manifestKey);
    }
}
