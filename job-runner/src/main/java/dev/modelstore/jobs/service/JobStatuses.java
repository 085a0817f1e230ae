package dev.modelstore.jobs.service;

import dev.modelstore.jobs.Job;
import dev.modelstore.jobs.JobStatus;
import dev.modelstore.jobs.JobType;
import dev.modelstore.jobs.JobWorker;
import dev.modelstore.jobs.WorkerStatus;
import java.util.List;

/** A job's status follows from its workers': the rules in one place. */
public final class JobStatuses {

    private JobStatuses() {
    }

    /** The job's status given its workers' (a removed job stays removed). */
    public static JobStatus derive(Job job, List<JobWorker> workers) {
        if (job.status == JobStatus.REMOVED || job.status == JobStatus.NEW) {
            return job.status;
        }
        if (workers.stream().allMatch(w -> w.status.isTerminal())) {
            if (workers.stream().anyMatch(w -> w.status == WorkerStatus.FAILED)) {
                return JobStatus.FAILED;
            }
            return workers.stream().anyMatch(w -> w.status == WorkerStatus.STOPPED) ? JobStatus.STOPPED : JobStatus.FINISHED;
        }
        if (job.status == JobStatus.STOPPING) {
            return JobStatus.STOPPING;
        }
        if (workers.stream().anyMatch(w -> w.status == WorkerStatus.RUNNING)) {
            return JobStatus.RUNNING;
        }
        if (workers.stream().anyMatch(w -> w.status == WorkerStatus.SAVING)) {
            return JobStatus.UPLOADING;
        }
        return workers.stream().anyMatch(w -> w.status == WorkerStatus.STARTING) ? JobStatus.STARTING : JobStatus.WAITING;
    }

    /**
     * Whether the job still holds its model: until it finished, failed or was removed. A stopped
     * notebook holds it (it can be started again); any other stopped job does not.
     */
    public static boolean holdsModel(Job job) {
        if (!job.status.isTerminal()) {
            return true;
        }
        return job.status == JobStatus.STOPPED && job.type == JobType.NOTEBOOK;
    }
}
