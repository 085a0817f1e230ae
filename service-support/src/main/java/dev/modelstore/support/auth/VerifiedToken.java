package dev.modelstore.support.auth;

import java.util.UUID;

/** An API token that is valid: which token, and the project it acts for. */
public record VerifiedToken(UUID tokenId, UUID projectId) {
}
