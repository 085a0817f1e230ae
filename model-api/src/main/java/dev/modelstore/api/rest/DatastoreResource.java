package dev.modelstore.api.rest;

import dev.modelstore.api.repository.ProjectRepository;
import dev.modelstore.api.service.Datastores;
import dev.modelstore.support.rest.ApiException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/** The regional datastores a project can create {@code regional} models from. */
@Path("/project/{projectId}/datastores")
@Produces(MediaType.APPLICATION_JSON)
public class DatastoreResource {

    private final Datastores datastores;
    private final ProjectRepository projects;

    DatastoreResource(Datastores datastores, ProjectRepository projects) {
        this.datastores = datastores;
        this.projects = projects;
    }

    @GET
    @Transactional
    public List<Datastores.Datastore> list(@PathParam("projectId") String projectId) {
        UUID id = CredentialResource.project(projectId);
        if (projects.findById(id) == null) {
            throw ApiException.notFound("project " + projectId + " does not exist");
        }
        return datastores.list(id);
    }
}
