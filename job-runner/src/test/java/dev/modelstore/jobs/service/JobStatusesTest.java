package dev.modelstore.jobs.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelstore.jobs.Job;
import dev.modelstore.jobs.JobStatus;
import dev.modelstore.jobs.JobType;
import dev.modelstore.jobs.JobWorker;
import dev.modelstore.jobs.WorkerStatus;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How a job's status follows from its workers', and when it lets go of its model. */
class JobStatusesTest {

    @Test
    void aJobRunsWhileAnyWorkerRunsAndEndsAsItsWorkersDo() {
        assertEquals(JobStatus.STARTING, derive(JobStatus.WAITING, WorkerStatus.STARTING, WorkerStatus.WAITING));
        assertEquals(JobStatus.RUNNING, derive(JobStatus.STARTING, WorkerStatus.RUNNING, WorkerStatus.STARTING));
        assertEquals(JobStatus.UPLOADING, derive(JobStatus.RUNNING, WorkerStatus.SAVING, WorkerStatus.FINISHED));
        assertEquals(JobStatus.RUNNING, derive(JobStatus.RUNNING, WorkerStatus.SAVING, WorkerStatus.RUNNING));
        assertEquals(JobStatus.FINISHED, derive(JobStatus.RUNNING, WorkerStatus.FINISHED, WorkerStatus.FINISHED));
        assertEquals(JobStatus.FAILED, derive(JobStatus.RUNNING, WorkerStatus.FINISHED, WorkerStatus.FAILED));
        assertEquals(JobStatus.STOPPING, derive(JobStatus.STOPPING, WorkerStatus.STOPPED, WorkerStatus.RUNNING));
        assertEquals(JobStatus.STOPPED, derive(JobStatus.STOPPING, WorkerStatus.STOPPED, WorkerStatus.FINISHED));
        assertEquals(JobStatus.REMOVED, derive(JobStatus.REMOVED, WorkerStatus.RUNNING));
    }

    @Test
    void onlyAStoppedNotebookKeepsItsModel() {
        assertTrue(JobStatuses.holdsModel(job(JobType.TRAINING, JobStatus.RUNNING)));
        assertTrue(JobStatuses.holdsModel(job(JobType.NOTEBOOK, JobStatus.STOPPED)));
        assertFalse(JobStatuses.holdsModel(job(JobType.TRAINING, JobStatus.STOPPED)));
        assertFalse(JobStatuses.holdsModel(job(JobType.NOTEBOOK, JobStatus.REMOVED)));
        assertFalse(JobStatuses.holdsModel(job(JobType.INFERENCE, JobStatus.FAILED)));
        assertFalse(JobStatuses.holdsModel(job(JobType.NOTEBOOK, JobStatus.FINISHED)));
    }

    private static JobStatus derive(JobStatus current, WorkerStatus... workers) {
        Job job = job(JobType.TRAINING, current);
        List<JobWorker> all = Arrays.stream(workers).map(status -> {
            JobWorker worker = new JobWorker();
            worker.key = new JobWorker.Key(job.id, 1);
            worker.status = status;
            return worker;
        }).toList();
        return JobStatuses.derive(job, all);
    }

    private static Job job(JobType type, JobStatus status) {
        Job job = new Job();
        job.id = UUID.randomUUID();
        job.type = type;
        job.status = status;
        return job;
    }
}
