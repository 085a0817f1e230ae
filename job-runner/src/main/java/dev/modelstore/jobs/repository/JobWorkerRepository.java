package dev.modelstore.jobs.repository;

import dev.modelstore.jobs.JobWorker;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Job workers in PostgreSQL. */
@ApplicationScoped
public class JobWorkerRepository implements PanacheRepositoryBase<JobWorker, JobWorker.Key> {

    /** The job's workers in number order. */
    public List<JobWorker> ofJob(UUID jobId) {
        return list("key.jobId = ?1 order by key.number", jobId);
    }

    /** One worker. */
    public JobWorker get(UUID jobId, int number) {
        return findById(new JobWorker.Key(jobId, number));
    }
}
