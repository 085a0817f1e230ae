package dev.modelstore.api.rest;

import dev.modelstore.api.Model;
import dev.modelstore.api.config.ModelApiConfig;
import dev.modelstore.support.auth.Caller;
import dev.modelstore.support.rest.ApiException;
import dev.modelstore.api.service.DirectoryTree;
import dev.modelstore.api.service.ModelDetails;
import dev.modelstore.api.service.ModelJobUses;
import dev.modelstore.api.service.ModelService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The model resource of trainML's API: create, list, get, rename, delete, and the file tree. */
@Path("/model")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ModelResource {

    private final ModelService models;
    private final ModelDetails details;
    private final Caller caller;
    private final String uploadHostname;
    private final ModelJobUses jobUses;

    ModelResource(ModelService models, ModelDetails details, Caller caller, ModelApiConfig config, ModelJobUses jobUses) {
        this.jobUses = jobUses;
        this.models = models;
        this.details = details;
        this.caller = caller;
        this.uploadHostname = config.uploadHostname();
    }

    private ModelView view(Model model) {
        return view(model, jobUses.activeCounts(List.of(model.id)));
    }

    private ModelView view(Model model, Map<UUID, Long> activeJobs) {
        return ModelView.of(model, activeJobs.getOrDefault(model.id, 0L), uploadHostname,
                models.uploadToken(model).orElse(null));
    }

    @POST
    public Response create(CreateModelRequest body) {
        if (body == null) {
            throw ApiException.badRequest("a JSON body with name, source_type and source_uri is required");
        }
        Model model = models.create(new ModelService.NewModel(body.name(), body.sourceType(), body.sourceUri(),
                projectId(body.projectUuid()), body.type(), options(body.sourceOptions())));
        return Response.created(URI.create("/model/" + model.id)).entity(view(model)).build();
    }

    @GET
    public List<ModelView> list(@QueryParam("project_uuid") String projectUuid) {
        List<Model> found = models.list(projectId(projectUuid));
        Map<UUID, Long> activeJobs = jobUses.activeCounts(found.stream().map(m -> m.id).toList());
        return found.stream().map(m -> view(m, activeJobs)).toList();
    }

    @GET
    @Path("{id}")
    public ModelView get(@PathParam("id") String id, @QueryParam("project_uuid") String projectUuid) {
        return view(models.get(modelId(id), projectId(projectUuid)));
    }

    @PATCH
    @Path("{id}")
    public ModelView rename(@PathParam("id") String id, @QueryParam("project_uuid") String projectUuid,
            RenameModelRequest body) {
        return view(models.rename(modelId(id), projectId(projectUuid), body == null ? null : body.name()));
    }

    @DELETE
    @Path("{id}")
    public Map<String, Object> delete(@PathParam("id") String id, @QueryParam("project_uuid") String projectUuid,
            @QueryParam("force") @DefaultValue("false") String force) {
        UUID modelId = modelId(id);
        models.delete(modelId, projectId(projectUuid), Boolean.parseBoolean(force));
        return Map.of("model_uuid", modelId, "deleted", true);
    }

    @GET
    @Path("{id}/details")
    public DirectoryTree details(@PathParam("id") String id, @QueryParam("project_uuid") String projectUuid) {
        return details.of(models.get(modelId(id), projectId(projectUuid)));
    }

    private static UUID modelId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("model " + id + " does not exist");
        }
    }

    /** The project a request names, which must be the caller's (404 otherwise); none means the caller's. */
    private UUID projectId(String projectUuid) {
        return caller.project(projectUuid);
    }

    private static Map<String, String> options(Map<String, Object> options) {
        Map<String, String> result = new LinkedHashMap<>();
        if (options != null) {
            options.forEach((key, value) -> {
                if (value != null) {
                    result.put(key, String.valueOf(value));
                }
            });
        }
        return result;
    }
}
