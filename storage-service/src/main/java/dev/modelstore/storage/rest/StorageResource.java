package dev.modelstore.storage.rest;

import dev.modelstore.storage.ModelUsage;
import dev.modelstore.storage.ProjectUsageChange;
import dev.modelstore.storage.config.StorageConfig;
import dev.modelstore.storage.repository.ModelUsageRepository;
import dev.modelstore.storage.repository.ProjectUsageChangeRepository;
import dev.modelstore.storage.service.Reconciliation;
import dev.modelstore.storage.service.StorageBill;
import dev.modelstore.storage.service.StorageLimits;
import dev.modelstore.support.auth.Caller;
import dev.modelstore.support.rest.ApiException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Stored sizes and charges: per model and per project (the caller's), and across projects for operators. */
@Path("/storage")
@Produces(MediaType.APPLICATION_JSON)
public class StorageResource {

    private static final int TOP = 5;

    private final ModelUsageRepository usage;
    private final ProjectUsageChangeRepository changes;
    private final Reconciliation reconciliation;
    private final StorageConfig config;
    private final StorageLimits limits;
    private final Caller caller;

    StorageResource(ModelUsageRepository usage, ProjectUsageChangeRepository changes, Reconciliation reconciliation,
            StorageConfig config, StorageLimits limits, Caller caller) {
        this.usage = usage;
        this.changes = changes;
        this.reconciliation = reconciliation;
        this.config = config;
        this.limits = limits;
        this.caller = caller;
    }

    @GET
    @Path("models/{id}")
    @Transactional
    public StorageViews.ModelStorage model(@PathParam("id") String id) {
        UUID modelId = parse(id);
        return usage.findByIdOptional(modelId)
                .filter(u -> u.state == ModelUsage.State.STORED && u.projectId.equals(caller.projectId()))
                .map(StorageViews.ModelStorage::of)
                .orElseThrow(() -> ApiException.notFound("no stored model " + id));
    }

    @GET
    @Path("projects/{id}")
    @Transactional
    public StorageViews.ProjectStorage project(@PathParam("id") String id) {
        UUID projectId = caller.project(id);
        ModelUsageRepository.ProjectTotals totals = usage.totals(projectId);
        List<ProjectUsageChange> history = changes.history(projectId);
        StorageBill.Accrued accrued = StorageBill.accrued(history, Instant.now(), config);
        return new StorageViews.ProjectStorage(projectId, totals.bytes(), totals.billedBytes(), config.freeAllowanceBytes(),
                Math.max(0, totals.billedBytes() - config.freeAllowanceBytes()), totals.models(), config.pricePerGbMonth(),
                config.currency(), round(accrued.gbHoursBillable()), round(accrued.charges()),
                history.isEmpty() ? null : history.get(0).at,
                usage.largest(projectId, TOP).stream().map(StorageViews.ModelStorage::of).toList());
    }

    /** The body of a quota change; a null quota removes it. */
    public record QuotaRequest(@com.fasterxml.jackson.annotation.JsonProperty("quota_bytes") Long quotaBytes) {
    }

    @PUT
    @Path("projects/{id}/quota")
    @Consumes(MediaType.APPLICATION_JSON)
    public StorageLimits.Limits setQuota(@PathParam("id") String id, QuotaRequest body) {
        caller.requireOperator();
        UUID project = parse(id);
        limits.setQuota(project, body == null ? null : body.quotaBytes());
        return limits.of(project);
    }

    @GET
    @Path("summary")
    @Transactional
    public StorageViews.Summary summary() {
        caller.requireOperator();
        List<ModelUsage> stored = usage.stored();
        return new StorageViews.Summary(stored.stream().map(u -> u.projectId).distinct().count(),
                stored.stream().mapToLong(u -> u.sizeBytes).sum(), stored.stream().mapToLong(u -> u.billedBytes).sum(),
                stored.size(), usage.largest(10).stream().map(StorageViews.ModelStorage::of).toList());
    }

    @GET
    @Path("reconciliation")
    public Reconciliation.Report reconcile() {
        caller.requireOperator();
        return reconciliation.run();
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("no such id " + id);
        }
    }
}
