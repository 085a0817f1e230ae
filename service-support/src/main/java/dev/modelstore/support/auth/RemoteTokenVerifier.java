package dev.modelstore.support.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.modelstore.support.internal.InternalCalls;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Verifies tokens by asking model-api (which owns them) over its internal endpoint, remembering
 * each answer for a few seconds; a revoked token stops working here within that time. The answers
 * are kept in a bounded cache (Caffeine), so a flood of made-up tokens costs a bounded amount of memory.
 */
@DefaultBean
@ApplicationScoped
public class RemoteTokenVerifier implements TokenVerifier {

    /** How many token answers are kept at most. */
    static final int MAX_CACHED = 10_000;

    private final Cache<String, Optional<VerifiedToken>> cache;
    private final InternalCalls calls;
    private final Optional<URI> apiUrl;

    @jakarta.inject.Inject
    RemoteTokenVerifier(InternalCalls calls, @ConfigProperty(name = "modelstore.api-url") Optional<URI> apiUrl) {
        this(calls, apiUrl, MAX_CACHED);
    }

    RemoteTokenVerifier(InternalCalls calls, Optional<URI> apiUrl, int maxCached) {
        this.calls = calls;
        this.apiUrl = apiUrl;
        this.cache = Caffeine.newBuilder().maximumSize(maxCached).expireAfterWrite(Duration.ofSeconds(5)).build();
    }

    /** How many answers are cached now (tests hold the bound). */
    long cached() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    @Override
    public Optional<VerifiedToken> verify(String rawToken) {
        return cache.get(ApiTokens.hash(rawToken), this::ask);
    }

    private Optional<VerifiedToken> ask(String hash) {
        return calls.post(apiUrl, "/internal/tokens/verify", Map.of("token_hash", hash))
                .filter(answer -> answer.status() == 200 && answer.body() != null)
                .map(answer -> new VerifiedToken(UUID.fromString(answer.body().get("token_uuid").asText()),
                        UUID.fromString(answer.body().get("project_uuid").asText())));
    }
}
