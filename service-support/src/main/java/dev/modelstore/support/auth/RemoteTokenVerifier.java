package dev.modelstore.support.auth;

import dev.modelstore.support.internal.InternalCalls;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Verifies tokens by asking model-api (which owns them) over its internal endpoint, remembering
 * each answer for a few seconds; a revoked token stops working here within that time.
 */
@DefaultBean
@ApplicationScoped
public class RemoteTokenVerifier implements TokenVerifier {

    private static final long CACHE_NANOS = Duration.ofSeconds(5).toNanos();

    private record Answer(Optional<VerifiedToken> token, long at) {
    }

    private final Map<String, Answer> cache = new ConcurrentHashMap<>();
    private final InternalCalls calls;
    private final Optional<URI> apiUrl;

    RemoteTokenVerifier(InternalCalls calls, @ConfigProperty(name = "modelstore.api-url") Optional<URI> apiUrl) {
        this.calls = calls;
        this.apiUrl = apiUrl;
    }

    @Override
    public Optional<VerifiedToken> verify(String rawToken) {
        String hash = ApiTokens.hash(rawToken);
        Answer cached = cache.get(hash);
        if (cached != null && System.nanoTime() - cached.at() < CACHE_NANOS) {
            return cached.token();
        }
        Optional<VerifiedToken> answer = ask(hash);
        cache.put(hash, new Answer(answer, System.nanoTime()));
        return answer;
    }

    private Optional<VerifiedToken> ask(String hash) {
        return calls.post(apiUrl, "/internal/tokens/verify", Map.of("token_hash", hash))
                .filter(answer -> answer.status() == 200 && answer.body() != null)
                .map(answer -> new VerifiedToken(UUID.fromString(answer.body().get("token_uuid").asText()),
                        UUID.fromString(answer.body().get("project_uuid").asText())));
    }
}
