package dev.modelstore.api.rest;

import dev.modelstore.api.service.Datastores;
import dev.modelstore.support.auth.Caller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The regional datastores a project can create {@code regional} models from. */
@Path("/project/{projectId}/datastores")
@Produces(MediaType.APPLICATION_JSON)
public class DatastoreResource {

    private final Datastores datastores;
    private final Caller caller;

    DatastoreResource(Datastores datastores, Caller caller) {
        this.datastores = datastores;
        this.caller = caller;
    }

    @GET
    public List<Datastores.Datastore> list(@PathParam("projectId") String projectId) {
        return datastores.list(caller.project(projectId));
    }
}
