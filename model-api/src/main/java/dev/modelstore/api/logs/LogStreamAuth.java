package dev.modelstore.api.logs;

import dev.modelstore.support.auth.ApiTokens;
import dev.modelstore.support.auth.TokenVerifier;
import dev.modelstore.support.auth.VerifiedToken;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Lets a log stream's WebSocket open only with a valid API token, taken from the query
 * ({@code ?Authorization=<token>}, as trainML's SDK sends it) or the {@code Authorization} header:
 * 401 otherwise, and 429 when the token's project already holds as many streams as it may. The
 * token is kept with the connection, for job-runner's checks, and never logged.
 */
@ApplicationScoped
public class LogStreamAuth implements HttpUpgradeCheck {

    static final UserData.TypedKey<String> TOKEN = UserData.TypedKey.forString("modelstore.token");
    static final UserData.TypedKey<String> TOKEN_ID = UserData.TypedKey.forString("modelstore.token-id");
    static final UserData.TypedKey<String> PROJECT = UserData.TypedKey.forString("modelstore.project");

    private final TokenVerifier verifier;
    private final LogStreams streams;

    LogStreamAuth(TokenVerifier verifier, LogStreams streams) {
        this.verifier = verifier;
        this.streams = streams;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String query = context.httpRequest().getParam("Authorization");
        String token = ApiTokens.fromHeader(query != null ? query : context.httpRequest().getHeader("Authorization"));
        if (token == null || token.length() > 512) {
            return CheckResult.rejectUpgrade(401);
        }
        return Uni.createFrom().item(() -> verifier.verify(token))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map((Optional<VerifiedToken> verified) -> {
                    if (verified.isEmpty()) {
                        return CheckResult.rejectUpgradeSync(401);
                    }
                    if (streams.full(verified.get().projectId())) {
                        return CheckResult.rejectUpgradeSync(429);
                    }
                    context.userData().put(TOKEN, token);
                    context.userData().put(TOKEN_ID, String.valueOf(verified.get().tokenId()));
                    context.userData().put(PROJECT, verified.get().projectId().toString());
                    return CheckResult.permitUpgradeSync();
                });
    }
}
