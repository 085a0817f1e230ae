package dev.modelstore.api.repository;

import dev.modelstore.api.ApiToken;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** API tokens in PostgreSQL. */
@ApplicationScoped
public class ApiTokenRepository implements PanacheRepositoryBase<ApiToken, UUID> {

    /** The token with this hash, if it is not revoked. */
    public Optional<ApiToken> findActive(String hash) {
        return find("tokenHash = ?1 and revokedAt is null", hash).firstResultOptional();
    }

    /** The project's tokens, oldest first. */
    public List<ApiToken> listByProject(UUID projectId) {
        return list("projectId", Sort.ascending("createdAt"), projectId);
    }
}
