package dev.modelstore.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.modelstore.api.Credential;
import dev.modelstore.api.service.CredentialService;
import dev.modelstore.support.auth.Caller;
import dev.modelstore.support.rest.ApiException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A project's third-party credentials: put, list (never the secret), remove. */
@Path("/project/{projectId}/credentials")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CredentialResource {

    private final CredentialService credentials;
    private final Caller caller;

    CredentialResource(CredentialService credentials, Caller caller) {
        this.credentials = credentials;
        this.caller = caller;
    }

    /** The body of a PUT. */
    public record CredentialRequest(@JsonProperty("key_id") String keyId, String secret, String tenant) {
        @Override
        public String toString() {
            return "CredentialRequest[keyId=" + keyId + ", secret=***]";
        }
    }

    /** A credential as listed: never with its secret. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CredentialView(String type, @JsonProperty("key_id") String keyId, String tenant, Instant updatedAt) {
        static CredentialView of(Credential c) {
            return new CredentialView(c.id.type(), c.keyId, c.tenant, c.updatedAt);
        }
    }

    @PUT
    @Path("{type}")
    public CredentialView put(@PathParam("projectId") String projectId, @PathParam("type") String type,
            CredentialRequest body) {
        if (body == null) {
            throw ApiException.badRequest("a JSON body with key_id and secret is required");
        }
        return CredentialView.of(credentials.put(caller.project(projectId), type, body.keyId(), body.secret(), body.tenant()));
    }

    @GET
    public List<CredentialView> list(@PathParam("projectId") String projectId) {
        return credentials.list(caller.project(projectId)).stream().map(CredentialView::of).toList();
    }

    @DELETE
    @Path("{type}")
    public Map<String, Object> delete(@PathParam("projectId") String projectId, @PathParam("type") String type) {
        credentials.delete(caller.project(projectId), type);
        return Map.of("type", type, "deleted", true);
    }

    static UUID project(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("project " + id + " does not exist");
        }
    }
}
