package dev.modelstore.api.repository;

import dev.modelstore.api.Project;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Projects in PostgreSQL. */
@ApplicationScoped
public class ProjectRepository implements PanacheRepositoryBase<Project, UUID> {

    /** The project the system created at installation; the first API token is made for it. */
    public Project defaultProject() {
        return find("isDefault", true).singleResult();
    }
}
