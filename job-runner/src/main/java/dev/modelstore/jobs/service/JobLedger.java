package dev.modelstore.jobs.service;

import dev.modelstore.events.JobModelReleased;
import dev.modelstore.events.JobOutputCompleted;
import dev.modelstore.jobs.FolderSave;
import dev.modelstore.jobs.Job;
import dev.modelstore.jobs.JobStatus;
import dev.modelstore.jobs.JobType;
import dev.modelstore.jobs.JobWorker;
import dev.modelstore.jobs.WorkerStatus;
import dev.modelstore.jobs.repository.FolderSaveRepository;
import dev.modelstore.jobs.repository.JobRepository;
import dev.modelstore.jobs.repository.JobWorkerRepository;
import dev.modelstore.jobs.workspace.FolderSaver;
import dev.modelstore.jobs.logs.JobSteps;
import dev.modelstore.support.outbox.Outbox;
import dev.modelstore.support.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Every state change of jobs, workers and folder saves, each in one transaction that holds the
 * job's row lock and, when the change is announced, appends its event to the outbox. Nothing here
 * runs processes or touches files; {@link JobSupervisor} does, and records what happened here.
 */
@ApplicationScoped
public class JobLedger {

    private final JobRepository jobs;
    private final JobWorkerRepository workers;
    private final FolderSaveRepository saves;
    private final Outbox outbox;
    private final JobSteps steps;
    private final dev.modelstore.jobs.logs.LogShipping shipping;

    JobLedger(JobRepository jobs, JobWorkerRepository workers, FolderSaveRepository saves, Outbox outbox, JobSteps steps,
            dev.modelstore.jobs.logs.LogShipping shipping) {
        this.shipping = shipping;
        this.jobs = jobs;
        this.workers = workers;
        this.saves = saves;
        this.outbox = outbox;
        this.steps = steps;
    }

    /** The id of the model a worker's output becomes: the same however often it is saved. */
    public static UUID outputModelId(UUID jobId, int workerNumber) {
        return UUID.nameUUIDFromBytes(("modelstore/job-output/" + jobId + "/" + workerNumber)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The name of a worker's output model, as trainML names it. */
    public static String outputModelName(Job job, int workerNumber, int workerCount) {
        return (job.outputName != null ? job.outputName : "Job - " + job.name) + (workerCount > 1 ? " Worker " + workerNumber : "");
    }

    /** The job as stored now. */
    @Transactional
    public Job job(UUID jobId) {
        return jobs.findByIdOptional(jobId).orElseThrow(() -> ApiException.notFound("job " + jobId + " does not exist"));
    }

    /** One worker as stored now. */
    @Transactional
    public JobWorker worker(UUID jobId, int number) {
        return workers.get(jobId, number);
    }

    /** The job's workers as stored now. */
    @Transactional
    public List<JobWorker> workers(UUID jobId) {
        return workers.ofJob(jobId);
    }

    /** Stores a job that was just accepted ({@code new}) with its workers ({@code waiting}). */
    @Transactional
    public void created(Job job, List<String> commands) {
        jobs.persist(job);
        for (int i = 0; i < commands.size(); i++) {
            JobWorker worker = new JobWorker();
            worker.key = new JobWorker.Key(job.id, i + 1);
            worker.workerUuid = UUID.randomUUID();
            worker.command = commands.get(i);
            worker.status = WorkerStatus.WAITING;
            workers.persist(worker);
        }
    }

    /** The job's model is reserved (or it has none): it may start. */
    @Transactional
    public void accepted(UUID jobId) {
        Job job = lock(jobId);
        if (job.status == JobStatus.NEW) {
            job.status = JobStatus.WAITING;
            steps.note(job, job.modelId == null ? "accepted; its workers start now"
                    : "accepted; model " + job.modelId + " is reserved for it");
            touch(job);
        }
    }

    /** The model could not be reserved (it is gone or not ready): the job is forgotten, as if never created. */
    @Transactional
    public void refused(UUID jobId) {
        jobs.deleteById(jobId);
    }

    /**
     * Whether the model was reserved is not known (model-api did not answer, or job-runner restarted
     * meanwhile): the job fails and announces the release, so a reservation that lands late is refused.
     */
    @Transactional
    public void abandoned(UUID jobId, String reason) {
        Job job = lock(jobId);
        job.status = JobStatus.FAILED;
        job.failureReason = reason;
        steps.note(job, "failed: " + reason);
        workers.ofJob(jobId).forEach(w -> {
            w.status = WorkerStatus.FAILED;
            w.failureReason = reason;
        });
        touch(job);
        releaseIfDone(job);
    }

    /** A worker is about to get its model copy; empty when its job no longer wants it to start. */
    @Transactional
    public Optional<Job> workerStarting(UUID jobId, int number) {
        Job job = lock(jobId);
        JobWorker worker = workers.get(jobId, number);
        if (job.status == JobStatus.STOPPING) {
            end(job, worker, WorkerStatus.STOPPED, null, null);
            return Optional.empty();
        }
        if (job.status != JobStatus.WAITING && job.status != JobStatus.STARTING && job.status != JobStatus.RUNNING
                && job.status != JobStatus.UPLOADING) {
            return Optional.empty();
        }
        worker.status = WorkerStatus.STARTING;
        steps.note(job, "worker " + number + ": " + (job.modelId == null ? "preparing its folders"
                : "copying model " + job.modelId + " into its folder"));
        worker.startedAt = now();
        worker.exitCode = null;
        worker.failureReason = null;
        update(job);
        return Optional.of(job);
    }

    /** A worker's process started; false when its job was stopped or removed meanwhile (stop the process). */
    @Transactional
    public boolean workerRunning(UUID jobId, int number, long pid, Instant processStarted) {
        Job job = lock(jobId);
        JobWorker worker = workers.get(jobId, number);
        worker.status = WorkerStatus.RUNNING;
        steps.note(job, "worker " + number + ": running");
        worker.pid = pid;
        worker.processStarted = processStarted;
        update(job);
        return job.status != JobStatus.STOPPING && job.status != JobStatus.REMOVED;
    }

    /**
     * A worker's process ended. Answers the folder save to run when its model folder is to be saved;
     * otherwise records how the worker ended.
     */
    @Transactional
    public Optional<FolderSave> workerExited(UUID jobId, int number, int exitCode) {
        Job job = lock(jobId);
        JobWorker worker = workers.get(jobId, number);
        if (worker.status.isTerminal() || worker.status == WorkerStatus.SAVING) {
            return Optional.empty();
        }
        worker.exitCode = exitCode;
        if (job.status == JobStatus.STOPPING || job.status == JobStatus.REMOVED) {
            end(job, worker, WorkerStatus.STOPPED, exitCode, null);
        } else if (exitCode != 0) {
            end(job, worker, WorkerStatus.FAILED, exitCode, "the command exited with code " + exitCode
                    + "; see the worker's log (GET /job/" + jobId + "/logs?worker=" + number + ")");
        } else if (job.savesModels()) {
            worker.status = WorkerStatus.SAVING;
            steps.note(job, "worker " + number + ": its command finished; saving its model folder as model "
                    + outputModelId(jobId, number));
            FolderSave save = saves.findById(outputModelId(jobId, number));
            if (save == null) {
                save = new FolderSave();
                save.id = outputModelId(jobId, number);
                save.jobId = jobId;
                save.workerNumber = number;
                save.folder = "model";
                save.name = outputModelName(job, number, workers.ofJob(jobId).size());
                save.status = FolderSave.Status.SAVING;
                save.createdAt = now();
                saves.persist(save);
            }
            update(job);
            return Optional.of(save);
        } else {
            end(job, worker, WorkerStatus.FINISHED, exitCode, null);
        }
        return Optional.empty();
    }

    /** A worker ended without its command running to the end (it could not start, or its process was lost). */
    @Transactional
    public void workerFailed(UUID jobId, int number, String reason) {
        Job job = lock(jobId);
        JobWorker worker = workers.get(jobId, number);
        if (!worker.status.isTerminal()) {
            end(job, worker, job.status == JobStatus.STOPPING ? WorkerStatus.STOPPED : WorkerStatus.FAILED, null, reason);
        }
    }

    /** A folder is saved: the save, the worker (for a worker's output) and the announcing event commit together. */
    @Transactional
    public void saved(UUID saveId, FolderSaver.Saved saved) {
        FolderSave save = saves.findById(saveId);
        Job job = lock(save.jobId);
        if (save.status != FolderSave.Status.SAVING) {
            return;
        }
        save.status = FolderSave.Status.SAVED;
        save.sizeBytes = saved.sizeBytes();
        save.fileCount = saved.fileCount();
        save.finishedAt = now();
        steps.note(job, "worker " + save.workerNumber + ": its " + save.folder + " folder was saved as model " + save.id
                + " '" + save.name + "' (" + saved.fileCount() + " files, " + saved.sizeBytes() + " bytes)");
        outbox.append(new JobOutputCompleted(UUID.randomUUID(), save.finishedAt, job.id, job.projectId, job.name,
                save.workerNumber, save.folder, save.id, save.name, job.modelId, saved.sizeBytes(), saved.fileCount(),
                saved.manifestKey(), saved.manifestSha256()));
        if ("model".equals(save.folder)) {
            JobWorker worker = workers.get(job.id, save.workerNumber);
            worker.outputModelId = save.id;
            end(job, worker, WorkerStatus.FINISHED, worker.exitCode, null);
        }
    }

    /** A folder could not be saved; a worker whose output it was fails with the reason. */
    @Transactional
    public void saveFailed(UUID saveId, String reason) {
        FolderSave save = saves.findById(saveId);
        Job job = lock(save.jobId);
        if (save.status != FolderSave.Status.SAVING) {
            return;
        }
        save.status = FolderSave.Status.FAILED;
        save.failureReason = reason;
        steps.note(job, "worker " + save.workerNumber + ": its " + save.folder + " folder could not be saved: " + reason);
        save.finishedAt = now();
        if ("model".equals(save.folder)) {
            end(job, workers.get(job.id, save.workerNumber), WorkerStatus.FAILED, null,
                    "its model folder could not be saved: " + reason);
        }
    }

    /** Asks the job to stop; answers whether it was running (so its processes must be stopped). */
    @Transactional
    public boolean stopRequested(UUID jobId) {
        Job job = lock(jobId);
        if (job.status.isTerminal()) {
            return false;
        }
        if (job.status == JobStatus.NEW) {
            throw ApiException.conflict("job " + jobId + " is still being accepted; try again in a moment");
        }
        job.status = JobStatus.STOPPING;
        for (JobWorker worker : workers.ofJob(jobId)) {
            if (worker.status == WorkerStatus.WAITING) {
                worker.status = WorkerStatus.STOPPED;
                worker.finishedAt = now();
            }
        }
        update(job);
        return true;
    }

    /** Starts a stopped notebook again: its workers wait to start, in the folders they had. */
    @Transactional
    public void restartRequested(UUID jobId) {
        Job job = lock(jobId);
        if (job.status == JobStatus.WAITING || job.status == JobStatus.STARTING || job.status == JobStatus.RUNNING) {
            return;
        }
        if (job.type != JobType.NOTEBOOK || job.status != JobStatus.STOPPED) {
            throw ApiException.conflict("job " + jobId + " is " + job.status.wireName()
                    + "; only a stopped notebook can be started again");
        }
        for (JobWorker worker : workers.ofJob(jobId)) {
            worker.status = WorkerStatus.WAITING;
            worker.exitCode = null;
            worker.failureReason = null;
            worker.finishedAt = null;
        }
        job.status = JobStatus.WAITING;
        job.logEnded = false;
        steps.note(job, "started again");
        job.failureReason = null;
        touch(job);
    }

    /** Removes the job: it is no longer listed and lets go of its model. */
    @Transactional
    public void removeRequested(UUID jobId, boolean force) {
        Job job = lock(jobId);
        if (!job.status.isTerminal() && !force) {
            throw ApiException.conflict("job " + jobId + " is " + job.status.wireName()
                    + "; stop it first, or remove it with force=true");
        }
        job.status = JobStatus.REMOVED;
        touch(job);
        releaseIfDone(job);
    }

    /** Starts saving a notebook's folder as a new model; the notebook must be running or stopped. */
    @Transactional
    public FolderSave notebookSaveRequested(UUID jobId, String folder, String name) {
        Job job = lock(jobId);
        if (job.type != JobType.NOTEBOOK) {
            throw ApiException.badRequest("job " + jobId + " is a " + job.type.wireName()
                    + " job; only a notebook's folders can be copied to a model (a job saves its output with "
                    + "data.output_type 'trainml')");
        }
        if (job.status != JobStatus.RUNNING && job.status != JobStatus.STOPPED) {
            throw ApiException.conflict("notebook " + jobId + " is " + job.status.wireName()
                    + "; its folders can be copied to a model while it is running or stopped");
        }
        FolderSave save = new FolderSave();
        save.id = UUID.randomUUID();
        save.jobId = jobId;
        save.workerNumber = 1;
        save.folder = folder;
        save.name = name;
        save.status = FolderSave.Status.SAVING;
        save.createdAt = now();
        saves.persist(save);
        return save;
    }

    private void end(Job job, JobWorker worker, WorkerStatus status, Integer exitCode, String reason) {
        worker.status = status;
        worker.exitCode = exitCode;
        worker.failureReason = reason;
        worker.finishedAt = now();
        worker.pid = null;
        shipping.exited(job, worker);
        steps.note(job, "worker " + worker.number() + ": " + status.wireName()
                + (exitCode == null ? "" : " (exit code " + exitCode + ")") + (reason == null ? "" : ": " + reason));
        update(job);
    }

    /** Re-derives the job's status from its workers and lets go of the model when the job is done with it. */
    private void update(Job job) {
        workers.flush();
        List<JobWorker> all = workers.ofJob(job.id);
        JobStatus status = JobStatuses.derive(job, all);
        if (status != job.status) {
            job.status = status;
            if (status == JobStatus.FAILED) {
                job.failureReason = all.stream().filter(w -> w.status == WorkerStatus.FAILED)
                        .map(w -> "worker " + w.number() + ": " + w.failureReason).findFirst().orElse(null);
            }
            if (status.isTerminal() || status == JobStatus.RUNNING || status == JobStatus.UPLOADING
                    || status == JobStatus.STOPPING) {
                steps.note(job, status.wireName() + (status == JobStatus.FAILED && job.failureReason != null
                        ? ": " + job.failureReason : ""));
            }
        }
        touch(job);
        releaseIfDone(job);
    }

    private void releaseIfDone(Job job) {
        if (job.modelId != null && !job.modelReleased && !JobStatuses.holdsModel(job)) {
            job.modelReleased = true;
            outbox.append(new JobModelReleased(UUID.randomUUID(), now(), job.id, job.projectId, job.modelId,
                    job.status.wireName()));
        }
    }

    private Job lock(UUID jobId) {
        return jobs.findForUpdate(jobId).orElseThrow(() -> ApiException.notFound("job " + jobId + " does not exist"));
    }

    private static void touch(Job job) {
        job.updatedAt = now();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
