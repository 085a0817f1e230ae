package dev.modelstore.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.modelstore.api.ApiToken;
import dev.modelstore.api.Project;
import dev.modelstore.api.service.ProjectService;
import dev.modelstore.api.service.TokenService;
import dev.modelstore.support.auth.Caller;
import dev.modelstore.api.config.ModelApiConfig;
import dev.modelstore.support.rest.ApiException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Projects and their API tokens. A token sees only its own project: listing answers that one,
 * and any other project id answers 404. Creating a project answers its first token, once.
 */
@Path("/project")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectResource {

    private final ProjectService projects;
    private final TokenService tokens;
    private final Caller caller;
    private final ModelApiConfig config;

    ProjectResource(ProjectService projects, TokenService tokens, Caller caller, ModelApiConfig config) {
        this.projects = projects;
        this.tokens = tokens;
        this.caller = caller;
        this.config = config;
    }

    /** A project as the API shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProjectView(@JsonProperty("project_uuid") UUID projectUuid, UUID id, String name, Instant createdAt,
            TokenView token) {
        static ProjectView of(Project p, TokenView token) {
            return new ProjectView(p.id, p.id, p.name, p.createdAt, token);
        }
    }

    /** A token as the API shows it; {@code token} (the secret) only right after it is made. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TokenView(@JsonProperty("token_uuid") UUID tokenUuid, String name, String hint, Instant createdAt,
            Instant revokedAt, String token) {
        static TokenView of(ApiToken t, String secret) {
            return new TokenView(t.id, t.name, "…" + t.hint, t.createdAt, t.revokedAt, secret);
        }
    }

    /** The body of project and token creation and renames. */
    public record NameRequest(String name) {
    }

    @POST
    public Response create(NameRequest body) {
        if (!config.selfServiceProjects()) {
            throw new ApiException(403, "creating projects is an operator's action on this Modelstore (each project has "
                    + "its own free storage allowance): ask your operator to create it (POST /internal/projects with the "
                    + "service token)");
        }
        return created(projects.create(body == null ? null : body.name()));
    }

    /** A new project and its first token, as answered to whoever created it. */
    static Response created(TokenService.Issued issued, ProjectService projects) {
        Project project = projects.get(issued.token().projectId);
        return Response.created(URI.create("/project/" + project.id))
                .entity(ProjectView.of(project, TokenView.of(issued.token(), issued.secret()))).build();
    }

    private Response created(TokenService.Issued issued) {
        return created(issued, projects);
    }

    @GET
    public List<ProjectView> list() {
        return List.of(ProjectView.of(projects.get(caller.projectId()), null));
    }

    @GET
    @Path("{id}")
    public ProjectView get(@PathParam("id") String id) {
        return ProjectView.of(projects.get(caller.project(id)), null);
    }

    @PATCH
    @Path("{id}")
    public ProjectView rename(@PathParam("id") String id, NameRequest body) {
        return ProjectView.of(projects.rename(caller.project(id), body == null ? null : body.name()), null);
    }

    @DELETE
    @Path("{id}")
    public Map<String, Object> delete(@PathParam("id") String id) {
        UUID project = caller.project(id);
        projects.delete(project);
        return Map.of("project_uuid", project, "deleted", true);
    }

    @POST
    @Path("{id}/tokens")
    public Response createToken(@PathParam("id") String id, NameRequest body) {
        TokenService.Issued issued = tokens.issue(caller.project(id), body == null ? null : body.name());
        return Response.status(201).entity(TokenView.of(issued.token(), issued.secret())).build();
    }

    @GET
    @Path("{id}/tokens")
    public List<TokenView> listTokens(@PathParam("id") String id) {
        return tokens.list(caller.project(id)).stream().map(t -> TokenView.of(t, null)).toList();
    }

    @DELETE
    @Path("{id}/tokens/{tokenId}")
    public TokenView revokeToken(@PathParam("id") String id, @PathParam("tokenId") String tokenId) {
        UUID token;
        try {
            token = UUID.fromString(tokenId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("token " + tokenId + " does not exist");
        }
        return TokenView.of(tokens.revoke(caller.project(id), token), null);
    }
}
