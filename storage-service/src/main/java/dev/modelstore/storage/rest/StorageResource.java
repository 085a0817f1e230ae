package dev.modelstore.storage.rest;

import dev.modelstore.storage.ModelUsage;
import dev.modelstore.storage.repository.ModelUsageRepository;
import dev.modelstore.support.auth.Caller;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** Stored sizes: per model and per project. */
@Path("/storage")
@Produces(MediaType.APPLICATION_JSON)
public class StorageResource {

    private final ModelUsageRepository usage;
    private final Caller caller;

    StorageResource(ModelUsageRepository usage, Caller caller) {
        this.usage = usage;
        this.caller = caller;
    }

    @GET
    @Path("models/{id}")
    @Transactional
    public StorageViews.ModelStorage model(@PathParam("id") UUID modelId) {
        ModelUsage row = usage.findByIdOptional(modelId)
                .filter(u -> u.state == ModelUsage.State.STORED && u.projectId.equals(caller.projectId()))
                .orElseThrow(() -> new NotFoundException("no stored model " + modelId));
        return new StorageViews.ModelStorage(row.modelId, row.projectId, row.sizeBytes, row.fileCount, row.updatedAt);
    }

    @GET
    @Path("projects/{id}")
    @Transactional
    public StorageViews.ProjectStorage project(@PathParam("id") String id) {
        UUID projectId = caller.project(id);
        ModelUsageRepository.ProjectTotals totals = usage.totals(projectId);
        return new StorageViews.ProjectStorage(projectId, totals.bytes(), totals.models());
    }
}
