package dev.modelstore.jobs.repository;

import dev.modelstore.jobs.FolderSave;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Folder saves in PostgreSQL. */
@ApplicationScoped
public class FolderSaveRepository implements PanacheRepositoryBase<FolderSave, UUID> {

    /** The job's saves, oldest first. */
    public List<FolderSave> ofJob(UUID jobId) {
        return list("jobId = ?1 order by createdAt", jobId);
    }

    /** Saves that were under way (to resume after a restart). */
    public List<FolderSave> unfinished() {
        return list("status", FolderSave.Status.SAVING);
    }
}
