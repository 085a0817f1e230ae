package dev.modelstore.api.export;

import dev.modelstore.api.rest.RequestValues;
import dev.modelstore.support.auth.Caller;
import dev.modelstore.support.rest.ApiException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Exports of a model: {@code POST /model/{id}/export} (trainML's call; it answers the model, now
 * {@code exporting}), {@code GET /model/{id}/exports} and {@code GET /model/{id}/exports/{export}}.
 */
@Path("/model/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ExportResource {

    private final ExportService exports;
    private final dev.modelstore.api.service.ModelService models;
    private final dev.modelstore.api.rest.ModelViews views;
    private final Caller caller;

    ExportResource(ExportService exports, dev.modelstore.api.service.ModelService models,
            dev.modelstore.api.rest.ModelViews views, Caller caller) {
        this.exports = exports;
        this.models = models;
        this.views = views;
        this.caller = caller;
    }

    /** Starts an export; answers the model (trainML's SDK rebuilds its object from it), with the export's id beside. */
    @POST
    @Path("export")
    public Map<String, Object> export(@PathParam("id") String id, @QueryParam("project_uuid") String projectUuid,
            ExportRequest body) {
        if (body == null) {
            throw ApiException.badRequest("a JSON body with output_type, output_uri and output_options is required");
        }
        UUID project = caller.project(projectUuid != null ? projectUuid : body.projectUuid());
        UUID modelId = RequestValues.modelId(id);
        models.get(modelId, project);
        ModelExport export = exports.request(modelId, project, new ExportService.NewExport(body.outputType(),
                body.outputUri(), RequestValues.options(body.outputOptions())));
        Map<String, Object> answer = views.asMap(models.get(modelId, project));
        answer.put("export_uuid", export.id);
        return answer;
    }

    @GET
    @Path("exports")
    public List<ExportView> list(@PathParam("id") String id, @QueryParam("project_uuid") String projectUuid) {
        UUID modelId = RequestValues.modelId(id);
        models.get(modelId, caller.project(projectUuid));
        return exports.list(modelId).stream().map(ExportView::of).toList();
    }

    @GET
    @Path("exports/{export}")
    public ExportView get(@PathParam("id") String id, @PathParam("export") String exportId,
            @QueryParam("project_uuid") String projectUuid) {
        UUID modelId = RequestValues.modelId(id);
        models.get(modelId, caller.project(projectUuid));
        try {
            return ExportView.of(exports.get(modelId, UUID.fromString(exportId)));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("model " + modelId + " has no export " + exportId);
        }
    }


}
