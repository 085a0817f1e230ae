package dev.modelstore.api.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The job API ({@code /job}) on the same base URL as {@code /model}: every call goes to job-runner,
 * which implements it, with the caller's own token; job-runner checks the token and the project.
 */
@Path("/job")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class JobForwardingResource {

    private final Optional<URI> jobsUrl;
    private final ServiceForwarder forwarder;

    JobForwardingResource(@ConfigProperty(name = "modelstore.jobs-url") Optional<URI> jobsUrl, ServiceForwarder forwarder) {
        this.jobsUrl = jobsUrl;
        this.forwarder = forwarder;
    }

    @GET
    public Response list(@Context UriInfo uri, @HeaderParam("Authorization") String authorization) {
        return forward("GET", uri, authorization, null);
    }

    @POST
    public Response create(@Context UriInfo uri, @HeaderParam("Authorization") String authorization, String body) {
        return forward("POST", uri, authorization, body);
    }

    @GET
    @Path("{rest: .+}")
    public Response get(@PathParam("rest") String rest, @Context UriInfo uri,
            @HeaderParam("Authorization") String authorization) {
        return forward("GET", uri, authorization, null);
    }

    @POST
    @Path("{rest: .+}")
    public Response post(@PathParam("rest") String rest, @Context UriInfo uri,
            @HeaderParam("Authorization") String authorization, String body) {
        return forward("POST", uri, authorization, body);
    }

    @PATCH
    @Path("{rest: .+}")
    public Response patch(@PathParam("rest") String rest, @Context UriInfo uri,
            @HeaderParam("Authorization") String authorization, String body) {
        return forward("PATCH", uri, authorization, body);
    }

    @DELETE
    @Path("{rest: .+}")
    public Response delete(@PathParam("rest") String rest, @Context UriInfo uri,
            @HeaderParam("Authorization") String authorization) {
        return forward("DELETE", uri, authorization, null);
    }

    private Response forward(String method, UriInfo uri, String authorization, String body) {
        String query = uri.getRequestUri().getRawQuery();
        String pathAndQuery = uri.getRequestUri().getRawPath() + (query == null ? "" : "?" + query);
        return forwarder.forward(jobsUrl, "job-runner", "modelstore.jobs-url", method, pathAndQuery, authorization, body,
                uri.getBaseUri());
    }
}
