package dev.modelstore.api.rest;

import dev.modelstore.api.service.ProjectService;
import dev.modelstore.support.auth.ServiceToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Creating projects, an operator's action (service token): each project gets its own free storage
 * allowance, so a project's token may not multiply them ({@code POST /project} is refused unless
 * {@code modelstore.api.self-service-projects} is on). Answers as {@code POST /project} does, with
 * the new project's first token.
 */
@Path("/internal/projects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalProjectResource {

    private final ProjectService projects;
    private final ServiceToken serviceToken;

    InternalProjectResource(ProjectService projects, ServiceToken serviceToken) {
        this.projects = projects;
        this.serviceToken = serviceToken;
    }

    @POST
    public Response create(@HeaderParam(ServiceToken.HEADER) String token, ProjectResource.NameRequest body) {
        serviceToken.check(token);
        return ProjectResource.created(projects.create(body == null ? null : body.name()), projects);
    }
}
