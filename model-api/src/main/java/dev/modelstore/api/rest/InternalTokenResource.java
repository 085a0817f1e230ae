package dev.modelstore.api.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.modelstore.api.repository.ProjectRepository;
import dev.modelstore.api.service.TokenService;
import dev.modelstore.support.auth.ServiceToken;
import dev.modelstore.support.rest.ApiException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;

/** What other services (with the service token) ask model-api about API tokens. */
@Path("/internal/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalTokenResource {

    private final TokenService tokens;
    private final ProjectRepository projects;
    private final ServiceToken serviceToken;

    InternalTokenResource(TokenService tokens, ProjectRepository projects, ServiceToken serviceToken) {
        this.tokens = tokens;
        this.projects = projects;
        this.serviceToken = serviceToken;
    }

    /** The body of a verification: the SHA-256 of the token, never the token. */
    public record VerifyRequest(@JsonProperty("token_hash") String tokenHash) {
    }

    @POST
    @Path("verify")
    public Map<String, UUID> verify(@HeaderParam(ServiceToken.HEADER) String token, VerifyRequest body) {
        serviceToken.check(token);
        return tokens.verifyHash(body == null ? "" : String.valueOf(body.tokenHash()))
                .map(t -> Map.of("token_uuid", t.tokenId(), "project_uuid", t.projectId()))
                .orElseThrow(() -> new ApiException(401, "unknown or revoked token"));
    }

    /** A new token for the default project, for the embedded stack's first start. */
    @POST
    @Path("bootstrap")
    @Transactional
    public Map<String, Object> bootstrap(@HeaderParam(ServiceToken.HEADER) String token) {
        serviceToken.check(token);
        TokenService.Issued issued = tokens.issue(projects.defaultProject().id, "embedded stack");
        return Map.of("project_uuid", issued.token().projectId, "token_uuid", issued.token().id, "token", issued.secret());
    }
}
