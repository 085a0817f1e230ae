package dev.modelstore.api.rest;

import dev.modelstore.api.listing.ModelListQuery;
import dev.modelstore.api.listing.ModelListing;
import dev.modelstore.api.Model;
import dev.modelstore.support.auth.Caller;
import dev.modelstore.support.rest.ApiException;
import dev.modelstore.api.service.DirectoryTree;
import dev.modelstore.api.service.ModelDetails;
import dev.modelstore.api.service.ModelJobUses;
import dev.modelstore.api.service.ModelService;
import dev.modelstore.api.service.SourceUriRules;
import dev.modelstore.support.objectstore.ModelManifest;
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
    private final ModelJobUses jobUses;
    private final dev.modelstore.api.service.EnabledSources enabled;
    private final ModelViews views;
    private final ModelListing listing;

    ModelResource(ModelService models, ModelDetails details, Caller caller, ModelJobUses jobUses,
            dev.modelstore.api.service.EnabledSources enabled, ModelViews views, ModelListing listing) {
        this.listing = listing;
        this.jobUses = jobUses;
        this.enabled = enabled;
        this.models = models;
        this.details = details;
        this.caller = caller;
        this.views = views;
    }

    private ModelView view(Model model) {
        return views.of(model);
    }

    private ModelView view(Model model, Map<UUID, Long> activeJobs) {
        return views.of(model, activeJobs);
    }

    @POST
    public Response create(CreateModelRequest body) {
        if (body == null) {
            throw ApiException.badRequest("a JSON body with name, source_type and source_uri is required");
        }
        Model model = models.create(new ModelService.NewModel(body.name(), body.sourceType(), body.sourceUri(),
                projectId(body.projectUuid()), body.type(), RequestValues.options(body.sourceOptions())));
        // A model just created has no job using it yet: no need to ask.
        return Response.created(URI.create("/model/" + model.id)).entity(view(model, Map.of())).build();
    }

    /**
     * The project's models, a page at a time (a JSON array, as trainML's clients read it): filters,
     * {@code sort} and {@code limit} as {@link ModelListQuery} reads them; when more follow, a
     * {@code Link: <…>; rel="next"} header (and {@code X-Next-Cursor}) gives the next page.
     */
    @GET
    public Response list(@QueryParam("project_uuid") String projectUuid, @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        ModelListQuery query = ModelListQuery.of(uri.getQueryParameters());
        dev.modelstore.support.listing.Keyset.Page<Model> page = listing.list(projectId(projectUuid), query);
        Map<UUID, Long> activeJobs = jobUses.activeCounts(page.rows().stream().map(m -> m.id).toList());
        Response.ResponseBuilder answer = Response.ok(page.rows().stream().map(m -> view(m, activeJobs)).toList());
        if (page.next() != null) {
            String cursor = page.next().encode();
            answer.header("X-Next-Cursor", cursor)
                    .header("Link", "<" + uri.getRequestUriBuilder().replaceQueryParam("cursor", cursor).build() + ">; rel=\"next\"");
        }
        return answer.build();
    }

    @GET
    @Path("{id}")
    public ModelView get(@PathParam("id") String id, @QueryParam("project_uuid") String projectUuid) {
        return view(models.get(RequestValues.modelId(id), projectId(projectUuid)));
    }

    @PATCH
    @Path("{id}")
    public ModelView rename(@PathParam("id") String id, @QueryParam("project_uuid") String projectUuid,
            RenameModelRequest body) {
        return view(models.rename(RequestValues.modelId(id), projectId(projectUuid), body == null ? null : body.name()));
    }

    @DELETE
    @Path("{id}")
    public Map<String, Object> delete(@PathParam("id") String id, @QueryParam("project_uuid") String projectUuid,
            @QueryParam("force") @DefaultValue("false") String force) {
        UUID modelId = RequestValues.modelId(id);
        models.delete(modelId, projectId(projectUuid), Boolean.parseBoolean(force));
        return Map.of("model_uuid", modelId, "deleted", true);
    }

    /** What the create form asks for per source type, and which types this store has enabled. */
    @GET
    @Path("source-types")
    public List<Map<String, Object>> sourceTypes() {
        return SourceUriRules.forms().stream().map(form -> {
            Map<String, Object> type = new LinkedHashMap<>();
            type.put("source_type", form.sourceType().wireName());
            type.put("source_uri_form", form.uriForm());
            type.put("source_options", form.options());
            type.put("enabled", enabled.enabled(form.sourceType()));
            return type;
        }).toList();
    }

    /** Runs every check of {@code POST /model} without creating anything: 200, or the 4xx a create would get. */
    @POST
    @Path("validation")
    public Map<String, Object> validate(CreateModelRequest body) {
        if (body == null) {
            throw ApiException.badRequest("a JSON body with name, source_type and source_uri is required");
        }
        models.validate(new ModelService.NewModel(body.name(), body.sourceType(), body.sourceUri(),
                projectId(body.projectUuid()), body.type(), RequestValues.options(body.sourceOptions())));
        return Map.of("valid", true);
    }

    /** The model's manifest: each file's size and SHA-256 (and source version), links, the source's version. */
    @GET
    @Path("{id}/manifest")
    public ModelManifest manifest(@PathParam("id") String id, @QueryParam("project_uuid") String projectUuid) {
        return details.manifest(models.get(RequestValues.modelId(id), projectId(projectUuid)));
    }

    /** The model's ingest log, oldest line first. */
    @GET
    @Path("{id}/logs")
    public List<Map<String, Object>> logs(@PathParam("id") String id, @QueryParam("project_uuid") String projectUuid) {
        return models.log(models.get(RequestValues.modelId(id), projectId(projectUuid)).id).stream()
                .map(line -> Map.<String, Object>of("at", line.at, "message", line.message)).toList();
    }

    @GET
    @Path("{id}/details")
    public DirectoryTree details(@PathParam("id") String id, @QueryParam("project_uuid") String projectUuid) {
        return details.of(models.get(RequestValues.modelId(id), projectId(projectUuid)));
    }


    /** The project a request names, which must be the caller's (404 otherwise); none means the caller's. */
    private UUID projectId(String projectUuid) {
        return caller.project(projectUuid);
    }

}
