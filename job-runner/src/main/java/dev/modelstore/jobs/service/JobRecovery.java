package dev.modelstore.jobs.service;

import dev.modelstore.jobs.FolderSave;
import dev.modelstore.jobs.Job;
import dev.modelstore.jobs.JobStatus;
import dev.modelstore.jobs.JobWorker;
import dev.modelstore.jobs.executor.WorkerExecutor;
import dev.modelstore.jobs.executor.WorkerLaunch;
import dev.modelstore.jobs.executor.WorkerProcess;
import dev.modelstore.jobs.repository.FolderSaveRepository;
import dev.modelstore.jobs.repository.JobRepository;
import dev.modelstore.jobs.workspace.WorkerFolders;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Picks up where a stopped job-runner left off: jobs caught while their model was being reserved
 * fail (and release it), workers that were starting start again, running worker processes are
 * watched again (or their recorded exit code is taken), unfinished saves run again to the same
 * model id, and folders left on disk by removed jobs are deleted.
 */
@ApplicationScoped
public class JobRecovery {

    private static final Logger LOG = Logger.getLogger(JobRecovery.class);

    private final JobRepository jobs;
    private final FolderSaveRepository saves;
    private final JobLedger ledger;
    private final JobSupervisor supervisor;
    private final WorkerExecutor executor;
    private final WorkerFolders folders;

    JobRecovery(JobRepository jobs, FolderSaveRepository saves, JobLedger ledger, JobSupervisor supervisor,
            WorkerExecutor executor, WorkerFolders folders) {
        this.jobs = jobs;
        this.saves = saves;
        this.ledger = ledger;
        this.supervisor = supervisor;
        this.executor = executor;
        this.folders = folders;
    }

    void onStart(@Observes StartupEvent event) {
        List<Job> unfinished = QuarkusTransaction.requiringNew().call(() -> jobs.inStatus(EnumSet.of(JobStatus.NEW,
                JobStatus.WAITING, JobStatus.STARTING, JobStatus.RUNNING, JobStatus.UPLOADING,
                JobStatus.STOPPING)));
        for (Job job : unfinished) {
            try {
                recover(job);
            } catch (RuntimeException e) {
                LOG.errorf(e, "could not pick up job %s again", job.id);
            }
        }
        List<FolderSave> pending = QuarkusTransaction.requiringNew().call(saves::unfinished);
        for (FolderSave save : pending) {
            Job job = ledger.job(save.jobId);
            if (job.status == JobStatus.REMOVED) {
                ledger.saveFailed(save.id, "its job was removed before the save ended");
                continue;
            }
            LOG.infof("saving folder %s of job %s again as model %s", save.folder, save.jobId, save.id);
            supervisor.save(save, job);
        }
        deleteRemovedFolders();
    }

    private void recover(Job job) {
        if (job.status == JobStatus.NEW) {
            ledger.abandoned(job.id, "job-runner restarted while the job's model was being reserved; create the job again");
            return;
        }
        for (JobWorker worker : ledger.workers(job.id)) {
            int number = worker.number();
            switch (worker.status) {
                case WAITING, STARTING -> supervisor.startWorker(job.id, number);
                case RUNNING -> reattach(job, worker);
                default -> {
                    // saving resumes with its folder save; ended workers need nothing
                }
            }
        }
        if (job.status == JobStatus.STOPPING) {
            supervisor.stopWorkers(job.id);
        }
    }

    private void reattach(Job job, JobWorker worker) {
        int number = worker.number();
        WorkerLaunch launch = supervisor.launch(job, number, worker.command);
        Optional<WorkerProcess> process = worker.pid == null || worker.processStarted == null ? Optional.empty()
                : executor.reattach(launch, worker.pid, worker.processStarted);
        if (process.isPresent()) {
            LOG.infof("worker %d of job %s still runs as process %d; watching it again", number, job.id, worker.pid);
            supervisor.watch(job.id, number, process.get());
            return;
        }
        var exitCode = executor.recordedExitCode(launch);
        if (exitCode.isPresent()) {
            supervisor.recordExit(job.id, number, exitCode.get());
        } else {
            ledger.workerFailed(job.id, number, "the worker's process ended while job-runner was not running, "
                    + "without leaving an exit code");
        }
    }

    /** Deletes the folders on disk whose job was removed (or is unknown): only what is there is looked at. */
    private void deleteRemovedFolders() {
        List<Path> folders;
        try (Stream<Path> listed = Files.list(this.folders.root())) {
            folders = listed.filter(Files::isDirectory).toList();
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            LOG.warnf("could not list the job folders in %s: %s", this.folders.root(), e.toString());
            return;
        }
        for (Path folder : folders) {
            UUID jobId;
            try {
                jobId = UUID.fromString(folder.getFileName().toString());
            } catch (IllegalArgumentException e) {
                continue;
            }
            Job job = QuarkusTransaction.requiringNew().call(() -> jobs.findById(jobId));
            if (job == null || job.status == JobStatus.REMOVED) {
                try {
                    this.folders.delete(jobId);
                } catch (IOException e) {
                    LOG.warnf("could not delete the folders of removed job %s: %s", jobId, e.toString());
                }
            }
        }
    }
}
