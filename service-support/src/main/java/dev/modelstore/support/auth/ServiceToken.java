package dev.modelstore.support.auth;

import dev.modelstore.support.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The token services share to call each other's {@code /internal/} endpoints ({@code modelstore.service-token}). */
@ApplicationScoped
public class ServiceToken {

    /** The header that carries it. */
    public static final String HEADER = "X-Modelstore-Service-Token";

    private final Optional<String> token;

    ServiceToken(@ConfigProperty(name = "modelstore.service-token") Optional<String> token) {
        this.token = token.filter(t -> !t.isBlank());
    }

    /** Refuses (401) a call whose header does not carry the service token. */
    public void check(String presented) {
        if (!matches(presented)) {
            throw new ApiException(401, "a valid service token is required");
        }
    }

    /** Whether the header value is the service token (compared in constant time). */
    public boolean matches(String presented) {
        return token.isPresent() && presented != null && MessageDigest.isEqual(
                token.get().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
