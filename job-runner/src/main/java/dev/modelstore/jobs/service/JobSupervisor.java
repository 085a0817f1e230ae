package dev.modelstore.jobs.service;

import dev.modelstore.jobs.FolderSave;
import dev.modelstore.jobs.Job;
import dev.modelstore.jobs.JobWorker;
import dev.modelstore.jobs.config.JobRunnerConfig;
import dev.modelstore.jobs.executor.WorkerExecutor;
import dev.modelstore.jobs.executor.WorkerLaunch;
import dev.modelstore.jobs.executor.WorkerProcess;
import dev.modelstore.jobs.sandbox.WorkerSandbox;
import dev.modelstore.jobs.workspace.FolderSaver;
import dev.modelstore.jobs.workspace.ModelCopier;
import dev.modelstore.jobs.workspace.WorkerFolders;
import dev.modelstore.jobs.workspace.WorkspaceFailure;
import dev.modelstore.support.limits.StorageLimitsClient;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs workers: copies the model into each worker's folder, starts its command through the
 * {@link WorkerExecutor}, watches it end, and saves its model folder when the job's output is a
 * model. Every step is recorded through {@link JobLedger} first, so a restart knows where each
 * worker was ({@link JobRecovery}). Running workers are held to their {@code resources.disk_size}
 * ({@link DiskLimits}).
 */
@ApplicationScoped
public class JobSupervisor {

    private static final Logger LOG = Logger.getLogger(JobSupervisor.class);
    private static final String COPIED_MARKER = "model-copied";

    private final JobLedger ledger;
    private final WorkerExecutor executor;
    private final WorkerFolders folders;
    private final ModelCopier copier;
    private final FolderSaver saver;
    private final StorageLimitsClient limits;
    private final JobRunnerConfig config;
    private final WorkerSandbox sandbox;
    private final DiskLimits disks;
    private final ScheduledExecutorService diskChecks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "job-disk-limits");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService pool = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "job-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<JobWorker.Key, WorkerProcess> running = new ConcurrentHashMap<>();
    private final Set<UUID> removed = ConcurrentHashMap.newKeySet();

    JobSupervisor(JobLedger ledger, WorkerExecutor executor, WorkerFolders folders, ModelCopier copier, FolderSaver saver,
            StorageLimitsClient limits, JobRunnerConfig config, WorkerSandbox sandbox, DiskLimits disks) {
        this.ledger = ledger;
        this.executor = executor;
        this.folders = folders;
        this.copier = copier;
        this.saver = saver;
        this.limits = limits;
        this.config = config;
        this.sandbox = sandbox;
        this.disks = disks;
    }

    void onStart(@Observes StartupEvent event) {
        diskChecks.schedule(this::checkDisksAndReschedule, Math.max(100, config.diskCheckInterval().toMillis()),
                TimeUnit.MILLISECONDS);
    }

    /** Starts the worker in the background (it must be {@code waiting}, or {@code starting} after a restart). */
    public void startWorker(UUID jobId, int number) {
        pool.submit(() -> runWorker(jobId, number));
    }

    /** Stops the job's running worker processes in the background; each then records itself as stopped. */
    public void stopWorkers(UUID jobId) {
        running.forEach((key, process) -> {
            if (key.jobId().equals(jobId)) {
                pool.submit(process::stop);
            }
        });
    }

    /** Stops whatever still runs of a removed job, cancels its saves, and deletes its folders. */
    public void removeJob(UUID jobId) {
        removed.add(jobId);
        pool.submit(() -> {
            running.entrySet().stream().filter(e -> e.getKey().jobId().equals(jobId)).toList()
                    .forEach(e -> e.getValue().stop());
            try {
                folders.delete(jobId);
            } catch (IOException e) {
                LOG.warnf("could not delete the folders of removed job %s: %s", jobId, e.toString());
            }
        });
    }

    /** Saves a folder in the background (a worker's output, or a notebook's folder). */
    public void save(FolderSave save, Job job) {
        pool.submit(() -> runSave(save, job));
    }

    /** Watches a worker process that outlived a job-runner restart. */
    void watch(UUID jobId, int number, WorkerProcess process) {
        running.put(new JobWorker.Key(jobId, number), process);
        Job job = ledger.job(jobId);
        disks.watch(new JobWorker.Key(jobId, number), folders.worker(jobId, number), job.diskSizeGb);
        process.exit().thenAccept(code -> pool.submit(() -> exited(jobId, number, code)));
    }

    /** Records the end of a worker whose exit code was found after a restart. */
    void recordExit(UUID jobId, int number, int code) {
        pool.submit(() -> exited(jobId, number, code));
    }

    /** What the worker's command is started with; the same after a restart, to find it again. */
    WorkerLaunch launch(Job job, int number, String command) {
        Path model = folders.model(job.id, number);
        Path output = job.savesModels() ? model : folders.output(job.id, number);
        Map<String, String> env = new HashMap<>(job.environment == null ? Map.of() : job.environment);
        env.put("PATH", config.workerPath());
        env.put("HOME", folders.worker(job.id, number).toString());
        env.put("LANG", "C.UTF-8");
        env.put("TRAINML_JOB_ID", job.id.toString());
        env.put("TRAINML_WORKER_NUMBER", String.valueOf(number));
        env.put("TRAINML_MODEL_PATH", model.toString());
        env.put("ML_MODEL_PATH", model.toString());
        env.put("TRAINML_OUTPUT_PATH", output.toString());
        env.put("ML_OUTPUT_PATH", output.toString());
        return new WorkerLaunch(job.name + " worker " + number, folders.worker(job.id, number),
                folders.control(job.id, number), command, env, job.diskSizeGb * 1_000_000_000L);
    }

    private void runWorker(UUID jobId, int number) {
        try {
            Job job = ledger.workerStarting(jobId, number).orElse(null);
            if (job == null) {
                return;
            }
            JobWorker worker = ledger.worker(jobId, number);
            prepare(job, number);
            WorkerProcess process = executor.start(launch(job, number, worker.command));
            running.put(worker.key, process);
            disks.watch(worker.key, folders.worker(jobId, number), job.diskSizeGb);
            process.exit().thenAccept(code -> pool.submit(() -> exited(jobId, number, code)));
            if (!ledger.workerRunning(jobId, number, process.pid(), process.started())) {
                process.stop();
            }
        } catch (WorkspaceFailure e) {
            LOG.infof("worker %d of job %s cannot start: %s", number, jobId, e.getMessage());
            ledger.workerFailed(jobId, number, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "worker %d of job %s cannot start", number, jobId);
            ledger.workerFailed(jobId, number, "the worker could not be started (" + e.getMessage() + ")");
        }
    }

    /**
     * Gives the worker its folders and its verified copy of the model (once: a restarted notebook keeps
     * its copy), and hands them to the user the sandbox runs it as.
     */
    private void prepare(Job job, int number) throws IOException {
        if (!sandbox.status().usable()) {
            throw new WorkspaceFailure(sandbox.status().description());
        }
        Path control = folders.control(job.id, number);
        Files.createDirectories(control);
        Files.createDirectories(folders.output(job.id, number));
        Files.createDirectories(folders.tmp(job.id, number));
        Path model = folders.model(job.id, number);
        if (Files.exists(control.resolve(COPIED_MARKER))) {
            sandbox.handOver(folders.worker(job.id, number));
            return;
        }
        WorkerFolders.deleteTree(model);
        if (job.modelId != null) {
            copier.copy(copier.manifest(job.modelId), model, job.diskSizeGb * 1_000_000_000L);
        } else {
            Files.createDirectories(model);
        }
        sandbox.handOver(folders.worker(job.id, number));
        Files.createFile(control.resolve(COPIED_MARKER));
    }

    /** One round, then the next after the interval, or after twice the round's own time when walking is slow. */
    private void checkDisksAndReschedule() {
        long started = System.nanoTime();
        try {
            checkDisks();
        } finally {
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            diskChecks.schedule(this::checkDisksAndReschedule, Math.max(Math.max(100, config.diskCheckInterval().toMillis()),
                    2 * took), TimeUnit.MILLISECONDS);
        }
    }

    /** Fails and stops each running worker whose folder outgrew its disk_size. */
    private void checkDisks() {
        running.forEach((key, process) -> {
            try {
                disks.overLimit(key).ifPresent(reason -> {
                    disks.markFailed(key, reason);
                    LOG.infof("worker %d of job %s: %s", key.number(), key.jobId(), reason);
                    ledger.workerFailed(key.jobId(), key.number(), reason);
                    // stopping waits out a grace period: not on this thread, which checks every worker
                    pool.submit(process::stop);
                });
            } catch (RuntimeException e) {
                LOG.warnf("could not check the disk use of worker %d of job %s: %s", key.number(), key.jobId(), e.toString());
            }
        });
    }

    private void exited(UUID jobId, int number, int code) {
        JobWorker.Key key = new JobWorker.Key(jobId, number);
        running.remove(key);
        try {
            var overLimit = disks.overLimit(key).or(() -> disks.failedOver(key));
            disks.forget(key);
            if (overLimit.isPresent()) {
                ledger.workerFailed(jobId, number, overLimit.get());
                // An over-limit worker's folder is never saved: what it filled the disk with goes now.
                try {
                    WorkerFolders.deleteTree(folders.worker(jobId, number));
                } catch (IOException e) {
                    LOG.warnf("could not remove the folder of over-limit worker %d of job %s: %s", number, jobId, e.toString());
                }
                return;
            }
            ledger.workerExited(jobId, number, code).ifPresent(save -> runSave(save, ledger.job(jobId)));
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not record the end of worker %d of job %s", number, jobId);
        }
    }

    private void runSave(FolderSave save, Job job) {
        // A running notebook is frozen while its folder is read (as docker commit pauses a container):
        // its code could otherwise swap a folder for a link to a host path between the walk and the read.
        WorkerProcess live = running.get(new JobWorker.Key(job.id, save.workerNumber));
        if (live != null) {
            live.pause();
        }
        try {
            saveFolder(save, job);
        } finally {
            if (live != null) {
                live.resume();
            }
        }
    }

    private void saveFolder(FolderSave save, Job job) {
        try {
            Path folder = switch (save.folder) {
                case "output" -> folders.output(job.id, save.workerNumber);
                default -> folders.model(job.id, save.workerNumber);
            };
            long maxBytes = config.maxModelBytes();
            String limitName = "the per-model limit";
            var projectLimits = limits.of(job.projectId).orElse(null);
            if (projectLimits != null && projectLimits.allowedBytes() < maxBytes) {
                maxBytes = projectLimits.allowedBytes();
                limitName = projectLimits.reason();
            }
            FolderSaver.Saved saved = saver.save(save.id, folder, "job:" + job.id + "/" + save.folder, maxBytes, limitName,
                    () -> removed.contains(job.id));
            ledger.saved(save.id, saved);
        } catch (WorkspaceFailure e) {
            LOG.infof("folder %s of job %s was not saved: %s", save.folder, job.id, e.getMessage());
            ledger.saveFailed(save.id, e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "folder %s of job %s was not saved", save.folder, job.id);
            ledger.saveFailed(save.id, "the folder could not be saved (" + e.getMessage() + ")");
        }
    }

    /** Whether a worker's process is watched by this job-runner now. */
    public boolean isRunning(UUID jobId, int number) {
        return running.containsKey(new JobWorker.Key(jobId, number));
    }

    @PreDestroy
    void shutdown() {
        // Worker processes keep running; the next job-runner finds them again from their pid.
        pool.shutdownNow();
        diskChecks.shutdownNow();
    }
}
