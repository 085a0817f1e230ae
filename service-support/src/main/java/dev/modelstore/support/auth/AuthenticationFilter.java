package dev.modelstore.support.auth;

import dev.modelstore.support.rest.ApiError;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every call of every service carries an API token in {@code Authorization} (raw or
 * {@code Bearer}); without a valid one the answer is 401. Health and metrics ({@code /q/}) and the
 * services' internal endpoints ({@code /internal/}, guarded by the service token) and the local-model
 * upload receiver ({@code /uploads/}, guarded by each model's upload token) are exempt; a
 * caller with the service token is an operator (operator views only).
 */
public class AuthenticationFilter {

    private final TokenVerifier verifier;
    private final Caller caller;
    private final ServiceToken serviceToken;

    AuthenticationFilter(TokenVerifier verifier, Caller caller, ServiceToken serviceToken) {
        this.verifier = verifier;
        this.caller = caller;
        this.serviceToken = serviceToken;
    }

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/q/") || path.startsWith("/internal/") || path.startsWith("/uploads/")
                || path.startsWith("/exports/")) {
            return Optional.empty();
        }
        if (serviceToken.matches(request.getHeaderString(ServiceToken.HEADER))) {
            caller.authenticateOperator();
            return Optional.empty();
        }
        String token = ApiTokens.fromHeader(request.getHeaderString("Authorization"));
        if (token == null) {
            return Optional.of(unauthorized("an API token is required: send it in the Authorization header"));
        }
        Optional<VerifiedToken> verified = verifier.verify(token);
        if (verified.isEmpty()) {
            return Optional.of(unauthorized("the API token is not valid or was revoked"));
        }
        caller.authenticate(verified.get());
        return Optional.empty();
    }

    private static Response unauthorized(String message) {
        return Response.status(401).type(MediaType.APPLICATION_JSON).entity(ApiError.of(401, message)).build();
    }
}
