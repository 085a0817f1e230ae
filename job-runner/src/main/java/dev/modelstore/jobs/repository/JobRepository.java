package dev.modelstore.jobs.repository;

import dev.modelstore.jobs.Job;
import dev.modelstore.jobs.JobStatus;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Jobs in PostgreSQL. */
@ApplicationScoped
public class JobRepository implements PanacheRepositoryBase<Job, UUID> {


    /** One job of the project that was not removed. */
    public Optional<Job> findInProject(UUID jobId, UUID projectId) {
        return find("id = ?1 and projectId = ?2 and status <> ?3", jobId, projectId, JobStatus.REMOVED)
                .firstResultOptional();
    }

    /** The job, locked until the transaction ends: status changes of one job are serialised. */
    public Optional<Job> findForUpdate(UUID jobId) {
        return findByIdOptional(jobId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Jobs in any of the statuses. */
    public List<Job> inStatus(Collection<JobStatus> statuses) {
        return list("status in ?1", statuses);
    }
}
