package dev.modelstore.storage.rest;

import dev.modelstore.storage.ModelUsage;
import dev.modelstore.storage.repository.ModelUsageRepository;
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

    StorageResource(ModelUsageRepository usage) {
        this.usage = usage;
    }

    @GET
    @Path("models/{id}")
    @Transactional
    public StorageViews.ModelStorage model(@PathParam("id") UUID modelId) {
        ModelUsage row = usage.findByIdOptional(modelId)
                .filter(u -> u.state == ModelUsage.State.STORED)
                .orElseThrow(() -> new NotFoundException("no stored model " + modelId));
        return new StorageViews.ModelStorage(row.modelId, row.projectId, row.sizeBytes, row.fileCount, row.updatedAt);
    }

    @GET
    @Path("projects/{id}")
    @Transactional
    public StorageViews.ProjectStorage project(@PathParam("id") UUID projectId) {
        ModelUsageRepository.ProjectTotals totals = usage.totals(projectId);
        return new StorageViews.ProjectStorage(projectId, totals.bytes(), totals.models());
    }
}
