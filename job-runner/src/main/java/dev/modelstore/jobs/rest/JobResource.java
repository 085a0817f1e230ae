package dev.modelstore.jobs.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.modelstore.jobs.FolderSave;
import dev.modelstore.jobs.service.JobService;
import dev.modelstore.jobs.service.NewJob;
import dev.modelstore.support.auth.Caller;
import dev.modelstore.support.rest.ApiException;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * trainML's job resource: create, list, get, stop/start (notebooks start again), remove, a worker's
 * log, and copying a notebook's folder to a new model. Reached through model-api's base URL too.
 */
@Path("/job")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class JobResource {

    /** {@code PATCH /job/{id}} as the SDK sends it: {@code {"command": "stop"|"start"}}. */
    public record JobCommand(String command) {
    }

    /** {@code POST /job/{id}/model-saves}: which notebook folder becomes which new model. */
    public record FolderSaveRequest(@JsonProperty("save_directory") String saveDirectory, String name) {
    }

    private final JobService jobs;
    private final Caller caller;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    JobResource(JobService jobs, Caller caller, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.jobs = jobs;
        this.caller = caller;
        this.json = json;
    }

    /**
     * Creates a job from trainML's request shape: every field is honoured or refused by name
     * ({@link JobRequestFields}); fields only recorded come back as {@code warnings}.
     */
    @POST
    public Response create(@org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(content =
            @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON, schema =
            @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = CreateJobRequest.class)))
            com.fasterxml.jackson.databind.JsonNode raw) {
        List<String> warnings = JobRequestFields.check(raw);
        CreateJobRequest body;
        try {
            body = json.treeToValue(raw, CreateJobRequest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("the job request does not have trainML's shape: "
                    + dev.modelstore.support.input.Texts.shown(e.getOriginalMessage(), 200));
        }
        UUID project = caller.project(body.projectUuid());
        String modelProject = raw.path("model").path("project_uuid").asText("");
        if (!modelProject.isEmpty() && !modelProject.equals(project.toString())) {
            throw ApiException.badRequest("model.project_uuid must be the job's own project (" + project
                    + "): a job uses a model of its own project");
        }
        NewJob request = new NewJob(body.name(), body.type(), body.commands(),
                body.model() == null ? null : body.model().sourceType(), body.model() == null ? null : body.model().sourceUri(),
                body.data() == null ? null : body.data().outputType(), body.data() == null ? null : body.data().outputUri(),
                body.data() == null || body.data().outputOptions() == null ? null : body.data().outputOptions().name(),
                body.resources() == null ? null : body.resources().diskSize(), body.environmentVariables(), project);
        JobView job = JobView.of(jobs.create(request));
        com.fasterxml.jackson.databind.node.ObjectNode answer = json.valueToTree(job);
        if (!warnings.isEmpty()) {
            warnings.forEach(answer.putArray("warnings")::add);
        }
        return Response.created(URI.create("/job/" + job.id())).entity(answer).build();
    }

    /**
     * The project's jobs, a page at a time (a JSON array): filters, {@code sort} and {@code limit}
     * as {@link dev.modelstore.jobs.listing.JobListing} reads them; when more follow, a
     * {@code Link: <…>; rel="next"} header (and {@code X-Next-Cursor}) gives the next page.
     */
    @GET
    public Response list(@QueryParam("project_uuid") String projectUuid, @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri,
            @jakarta.ws.rs.HeaderParam("X-Forwarded-Host") String forwardedHost,
            @jakarta.ws.rs.HeaderParam("X-Forwarded-Proto") String forwardedProto) {
        JobService.JobPage page = jobs.list(caller.project(projectUuid),
                dev.modelstore.jobs.listing.JobListing.query(uri.getQueryParameters()));
        Response.ResponseBuilder answer = Response.ok(page.jobs().stream().map(JobView::of).toList());
        if (page.next() != null) {
            String cursor = page.next().encode();
            URI here = uri.getRequestUriBuilder().replaceQueryParam("cursor", cursor).build();
            String base = PublicBase.of(uri.getBaseUri(), forwardedHost, forwardedProto);
            answer.header("X-Next-Cursor", cursor).header("Link", "<" + base + here.getRawPath().substring(1)
                    + "?" + here.getRawQuery() + ">; rel=\"next\"");
        }
        return answer.build();
    }

    @GET
    @Path("{id}")
    public JobView get(@PathParam("id") String id, @QueryParam("project_uuid") String projectUuid) {
        return JobView.of(jobs.get(jobId(id), caller.project(projectUuid)));
    }

    @PATCH
    @Path("{id}")
    public JobView command(@PathParam("id") String id, @QueryParam("project_uuid") String projectUuid, JobCommand body) {
        String command = body == null ? null : body.command();
        if ("stop".equals(command)) {
            return stop(id, projectUuid);
        } else if ("start".equals(command)) {
            return start(id, projectUuid);
        }
        throw ApiException.badRequest("command must be 'stop' or 'start'");
    }

    @POST
    @Path("{id}/stop")
    public JobView stop(@PathParam("id") String id, @QueryParam("project_uuid") String projectUuid) {
        return JobView.of(jobs.stop(jobId(id), caller.project(projectUuid)));
    }

    @POST
    @Path("{id}/start")
    public JobView start(@PathParam("id") String id, @QueryParam("project_uuid") String projectUuid) {
        return JobView.of(jobs.start(jobId(id), caller.project(projectUuid)));
    }

    @DELETE
    @Path("{id}")
    public Map<String, Object> remove(@PathParam("id") String id, @QueryParam("project_uuid") String projectUuid,
            @QueryParam("force") @DefaultValue("false") String force) {
        UUID job = jobId(id);
        jobs.remove(job, caller.project(projectUuid), Boolean.parseBoolean(force));
        return Map.of("job_uuid", job, "removed", true);
    }

    @GET
    @Path("{id}/logs")
    @Produces(MediaType.TEXT_PLAIN)
    public String logs(@PathParam("id") String id, @QueryParam("project_uuid") String projectUuid,
            @QueryParam("worker") @DefaultValue("1") String worker) {
        UUID job = jobId(id);
        UUID project = caller.project(projectUuid);
        int number;
        if (worker.trim().matches("[0-9]{1,4}")) {
            number = Integer.parseInt(worker.trim());
        } else {
            number = jobs.workerNumber(job, project, worker);
        }
        return jobs.logs(job, project, number);
    }

    /**
     * {@code GET /job/{id}/worker/{job_worker_uuid}/logs}, as trainML's SDK asks it
     * ({@code get_worker_log_url}): a JSON string, the URL of that worker's log (plain text, the last
     * part of its output; read with the same token as every call).
     */
    @GET
    @Path("{id}/worker/{worker}/logs")
    public com.fasterxml.jackson.databind.JsonNode workerLogUrl(@PathParam("id") String id, @PathParam("worker") String workerUuid,
            @QueryParam("project_uuid") String projectUuid, @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri,
            @jakarta.ws.rs.HeaderParam("X-Forwarded-Host") String forwardedHost,
            @jakarta.ws.rs.HeaderParam("X-Forwarded-Proto") String forwardedProto) {
        UUID job = jobId(id);
        UUID project = caller.project(projectUuid);
        int number = jobs.workerNumber(job, project, workerUuid);
        String base = PublicBase.of(uri.getBaseUri(), forwardedHost, forwardedProto);
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(base + "job/" + job + "/logs?worker=" + number
                + "&project_uuid=" + project);
    }

    @POST
    @Path("{id}/model-saves")
    public Response saveFolder(@PathParam("id") String id, @QueryParam("project_uuid") String projectUuid,
            FolderSaveRequest body) {
        if (body == null) {
            throw ApiException.badRequest("a JSON body with save_directory ('models' or 'output') and name is required");
        }
        FolderSave save = jobs.saveNotebookFolder(jobId(id), caller.project(projectUuid), body.saveDirectory(), body.name());
        return Response.accepted(JobView.Save.of(save)).build();
    }

    private static UUID jobId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("job " + id + " does not exist");
        }
    }
}
