package dev.modelstore.support.auth;

import java.util.Optional;

/** Decides whether a raw API token is valid, and for which project. model-api checks its table; other services ask it. */
public interface TokenVerifier {

    /** The token's identity, or empty when it is unknown or revoked. */
    Optional<VerifiedToken> verify(String rawToken);
}
