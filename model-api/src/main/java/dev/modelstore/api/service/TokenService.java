package dev.modelstore.api.service;

import dev.modelstore.api.ApiToken;
import dev.modelstore.api.repository.ApiTokenRepository;
import dev.modelstore.support.auth.ApiTokens;
import dev.modelstore.support.auth.TokenVerifier;
import dev.modelstore.support.auth.VerifiedToken;
import dev.modelstore.support.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Creates, lists, revokes and verifies API tokens; model-api is where they live. */
@ApplicationScoped
public class TokenService implements TokenVerifier {

    private final ApiTokenRepository tokens;

    TokenService(ApiTokenRepository tokens) {
        this.tokens = tokens;
    }

    /** A token just created: the only time its secret is known. */
    public record Issued(ApiToken token, String secret) {
        @Override
        public String toString() {
            return "Issued[token=" + token.id + ", secret=***]";
        }
    }

    /** A new token for the project. */
    @Transactional
    public Issued issue(UUID projectId, String name) {
        String secret = ApiTokens.generate();
        ApiToken token = new ApiToken();
        token.id = UUID.randomUUID();
        token.projectId = projectId;
        token.name = name == null || name.isBlank() ? "token"
                : dev.modelstore.support.input.Inputs.required("name", name, dev.modelstore.support.input.Inputs.NAME);
        token.tokenHash = ApiTokens.hash(secret);
        token.hint = secret.substring(secret.length() - 4);
        token.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        tokens.persist(token);
        return new Issued(token, secret);
    }

    /** The project's tokens (never their secrets). */
    @Transactional
    public List<ApiToken> list(UUID projectId) {
        return tokens.listByProject(projectId);
    }

    /** Revokes one of the project's tokens; it stops working at once here and within seconds elsewhere. */
    @Transactional
    public ApiToken revoke(UUID projectId, UUID tokenId) {
        ApiToken token = tokens.findByIdOptional(tokenId).filter(t -> t.projectId.equals(projectId))
                .orElseThrow(() -> ApiException.notFound("token " + tokenId + " does not exist"));
        if (token.revokedAt == null) {
            token.revokedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        }
        return token;
    }

    @Override
    @Transactional
    public Optional<VerifiedToken> verify(String rawToken) {
        return verifyHash(ApiTokens.hash(rawToken));
    }

    /** Verifies a token by its hash (other services send the hash, never the token). */
    @Transactional
    public Optional<VerifiedToken> verifyHash(String hash) {
        return tokens.findActive(hash).map(t -> new VerifiedToken(t.id, t.projectId));
    }

    /** Whether the token still works (it exists and is not revoked): long-lived streams ask this now and then. */
    @Transactional
    public boolean isActive(UUID tokenId) {
        ApiToken token = tokenId == null ? null : tokens.findById(tokenId);
        return token != null && token.revokedAt == null;
    }
}
