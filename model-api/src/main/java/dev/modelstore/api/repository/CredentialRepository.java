package dev.modelstore.api.repository;

import dev.modelstore.api.Credential;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Credentials in PostgreSQL. */
@ApplicationScoped
public class CredentialRepository implements PanacheRepositoryBase<Credential, Credential.Key> {

    /** The project's credentials, by type. */
    public List<Credential> listByProject(UUID projectId) {
        return list("id.projectId", Sort.ascending("id.type"), projectId);
    }
}
