package dev.modelstore.support.auth;

import dev.modelstore.support.rest.ApiException;
import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/**
 * Who is calling: the project the request's API token belongs to. Every resource of another
 * project answers 404, as if it did not exist.
 */
@RequestScoped
public class Caller {

    private UUID projectId;
    private UUID tokenId;
    private boolean operator;

    void authenticate(VerifiedToken token) {
        this.projectId = token.projectId();
        this.tokenId = token.tokenId();
    }

    void authenticateOperator() {
        this.operator = true;
    }

    /** Refuses (403) a caller without the service token: operator views span every project. */
    public void requireOperator() {
        if (!operator) {
            throw new ApiException(403, "this is for operators: send the service token in " + ServiceToken.HEADER);
        }
    }

    /** The caller's project. */
    public UUID projectId() {
        if (projectId == null) {
            throw new ApiException(401, "an API token is required: send it in the Authorization header");
        }
        return projectId;
    }

    /** The caller's token. */
    public UUID tokenId() {
        return tokenId;
    }

    /**
     * The project a request names, which must be the caller's; none named means the caller's.
     *
     * @throws ApiException 404 for any other project, so other projects' existence does not leak
     */
    public UUID project(UUID requested) {
        if (requested != null && !requested.equals(projectId())) {
            throw ApiException.notFound("project " + requested + " does not exist");
        }
        return projectId();
    }

    /** Like {@link #project(UUID)} for a project id given as text (a path or query parameter). */
    public UUID project(String requested) {
        if (requested == null || requested.isBlank()) {
            return projectId();
        }
        try {
            return project(UUID.fromString(requested.trim()));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("project " + requested + " does not exist");
        }
    }
}
