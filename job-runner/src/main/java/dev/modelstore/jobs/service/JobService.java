package dev.modelstore.jobs.service;

import dev.modelstore.jobs.FolderSave;
import dev.modelstore.jobs.Job;
import dev.modelstore.jobs.JobStatus;
import dev.modelstore.jobs.JobType;
import dev.modelstore.jobs.JobWorker;
import dev.modelstore.jobs.config.JobRunnerConfig;
import dev.modelstore.jobs.sandbox.WorkerSandbox;
import dev.modelstore.jobs.repository.FolderSaveRepository;
import dev.modelstore.jobs.repository.JobRepository;
import dev.modelstore.jobs.workspace.WorkerFolders;
import dev.modelstore.jobs.workspace.WorkerLogs;
import dev.modelstore.support.input.Inputs;
import dev.modelstore.support.input.Texts;
import dev.modelstore.support.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** The job API's operations: validate, record through {@link JobLedger}, act through {@link JobSupervisor}. */
@ApplicationScoped
public class JobService {

    private static final int MAX_COMMAND = 65_536;
    private static final int MAX_ENV_VALUE = 32_768;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int LOG_TAIL_BYTES = 64 * 1024;

    /** A job with its workers and folder saves, for answers. */
    public record JobState(Job job, List<JobWorker> workers, List<FolderSave> saves) {
    }

    private final JobRepository jobs;
    private final FolderSaveRepository saves;
    private final JobLedger ledger;
    private final JobSupervisor supervisor;
    private final ModelReservations reservations;
    private final WorkerFolders folders;
    private final JobRunnerConfig config;
    private final WorkerSandbox sandbox;

    private final dev.modelstore.jobs.listing.JobListing listing;

    JobService(JobRepository jobs, FolderSaveRepository saves, JobLedger ledger, JobSupervisor supervisor,
            ModelReservations reservations, WorkerFolders folders, JobRunnerConfig config, WorkerSandbox sandbox,
            dev.modelstore.jobs.listing.JobListing listing) {
        this.listing = listing;
        this.jobs = jobs;
        this.saves = saves;
        this.ledger = ledger;
        this.supervisor = supervisor;
        this.reservations = reservations;
        this.folders = folders;
        this.config = config;
        this.sandbox = sandbox;
    }

    /**
     * Accepts a job: stores it, reserves its model synchronously (404/409 when the model is gone or
     * not ready, and then no job exists), and starts its workers.
     */
    public JobState create(NewJob request) {
        if (!sandbox.status().usable()) {
            throw new ApiException(503, sandbox.status().description());
        }
        Job job = validate(request);
        List<String> commands = commands(request, job.type);
        ledger.created(job, commands);
        if (job.modelId != null) {
            try {
                reservations.reserve(job);
            } catch (ApiException e) {
                if (e.status() == 404 || e.status() == 409) {
                    ledger.refused(job.id);
                } else {
                    ledger.abandoned(job.id, e.getMessage());
                }
                throw e;
            }
        }
        ledger.accepted(job.id);
        for (int number = 1; number <= commands.size(); number++) {
            supervisor.startWorker(job.id, number);
        }
        return get(job.id, job.projectId);
    }

    /** A page of the project's jobs, and the cursor of the next page (null on the last). */
    public record JobPage(List<JobState> jobs, dev.modelstore.support.listing.ListCursor next) {
    }

    /** The page of the project's jobs a list call asks for. */
    @Transactional
    public JobPage list(UUID projectId, dev.modelstore.jobs.listing.JobListing.Query query) {
        dev.modelstore.support.listing.Keyset.Page<Job> page = listing.list(projectId, query);
        return new JobPage(page.rows().stream().map(this::state).toList(), page.next());
    }

    /** One job of the project. */
    @Transactional
    public JobState get(UUID jobId, UUID projectId) {
        return state(find(jobId, projectId));
    }

    /** Stops the job's workers; a stopped notebook can be started again. */
    public JobState stop(UUID jobId, UUID projectId) {
        find(jobId, projectId);
        if (ledger.stopRequested(jobId)) {
            supervisor.stopWorkers(jobId);
        }
        return get(jobId, projectId);
    }

    /** Starts a stopped notebook again. */
    public JobState start(UUID jobId, UUID projectId) {
        Job job = find(jobId, projectId);
        JobStatus before = job.status;
        ledger.restartRequested(jobId);
        if (before == JobStatus.STOPPED) {
            ledger.workers(jobId).forEach(w -> supervisor.startWorker(jobId, w.number()));
        }
        return get(jobId, projectId);
    }

    /** Removes the job (a running one only with force), which lets go of its model. */
    public void remove(UUID jobId, UUID projectId, boolean force) {
        find(jobId, projectId);
        ledger.removeRequested(jobId, force);
        supervisor.removeJob(jobId);
    }

    /** Copies a running or stopped notebook's {@code models} or {@code output} folder into a new model. */
    public FolderSave saveNotebookFolder(UUID jobId, UUID projectId, String folder, String name) {
        Job job = find(jobId, projectId);
        if (!"models".equals(folder) && !"output".equals(folder)) {
            throw ApiException.badRequest("save_directory must be 'models' or 'output'");
        }
        FolderSave save = ledger.notebookSaveRequested(jobId, folder, checkName(name, "name"));
        supervisor.save(save, job);
        return save;
    }

    /** The end of a worker's log (its command's output). */
    public String logs(UUID jobId, UUID projectId, int worker) {
        Job job = find(jobId, projectId);
        if (worker < 1 || ledger.worker(job.id, worker) == null) {
            throw ApiException.notFound("job " + jobId + " has no worker " + worker);
        }
        try {
            return WorkerLogs.tail(folders.control(jobId, worker), LOG_TAIL_BYTES);
        } catch (IOException e) {
            throw new ApiException(503, "the worker's log cannot be read right now (" + e.getMessage() + ")");
        }
    }

    /** The number of the job's worker whose {@code job_worker_uuid} is given; 404 for any other. */
    @Transactional
    public int workerNumber(UUID jobId, UUID projectId, String workerUuid) {
        Job job = find(jobId, projectId);
        return ledger.workers(job.id).stream().filter(w -> w.workerUuid.toString().equalsIgnoreCase(workerUuid.trim()))
                .findFirst().map(JobWorker::number)
                .orElseThrow(() -> ApiException.notFound("job " + jobId + " has no worker " + workerUuid));
    }

    private JobState state(Job job) {
        return new JobState(job, ledger.workers(job.id), saves.ofJob(job.id));
    }

    @Transactional
    Job find(UUID jobId, UUID projectId) {
        return jobs.findInProject(jobId, projectId).orElseThrow(() -> ApiException.notFound("job " + jobId
                + " does not exist"));
    }

    private Job validate(NewJob request) {
        Job job = new Job();
        job.id = UUID.randomUUID();
        job.projectId = request.projectId();
        job.name = checkName(request.name(), "name");
        Inputs.optional("type", request.type(), Inputs.SHORT);
        job.type = JobType.fromWireName(request.type() == null ? "" : request.type()).orElseThrow(() ->
                ApiException.badRequest("type must be one of training, inference, notebook"));
        job.status = JobStatus.NEW;
        if (request.modelSourceType() != null || request.modelSourceUri() != null) {
            if (!"trainml".equals(request.modelSourceType())) {
                throw ApiException.badRequest("model.source_type '" + Texts.shown(request.modelSourceType(), 40) + "' is not supported "
                        + "for jobs here: create a model from that source first, then use {\"source_type\": \"trainml\", "
                        + "\"source_uri\": \"<model id>\"}");
            }
            try {
                job.modelId = UUID.fromString(String.valueOf(request.modelSourceUri()));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("model.source_uri must be a model id (a UUID), not '"
                        + Texts.shown(request.modelSourceUri(), 100) + "'");
            }
        }
        if (request.outputType() != null && !"none".equals(request.outputType())) {
            if (!"trainml".equals(request.outputType()) || !"model".equals(request.outputUri())) {
                throw ApiException.badRequest("data.output_type '" + Texts.shown(request.outputType(), 40) + "' with output_uri '"
                        + Texts.shown(request.outputUri(), 100) + "' is not supported: use output_type 'trainml' with output_uri 'model' "
                        + "to save each worker's model folder as a model");
            }
            if (job.type == JobType.NOTEBOOK) {
                throw ApiException.badRequest("a notebook has no output; copy its folders to a model instead "
                        + "(POST /job/{id}/model-saves)");
            }
            job.outputType = Job.OUTPUT_MODEL;
        }
        if (request.outputName() != null) {
            if (job.outputType == null) {
                throw ApiException.badRequest("data.output_options.name names the output model; it needs data.output_type "
                        + "'trainml' with output_uri 'model'");
            }
            // room for " Worker <n>" after it
            job.outputName = Inputs.required("data.output_options.name", request.outputName(), Inputs.NAME - 16);
        }
        int disk = request.diskSizeGb() == null ? config.defaultDiskSizeGb() : request.diskSizeGb();
        if (disk < 1 || disk > config.maxDiskSizeGb()) {
            throw ApiException.badRequest("resources.disk_size must be 1 to " + config.maxDiskSizeGb()
                    + " (GB) on this Modelstore");
        }
        job.diskSizeGb = disk;
        Map<String, String> env = request.environment() == null ? Map.of() : request.environment();
        if (env.size() > Inputs.MAX_OPTIONS) {
            throw ApiException.badRequest("environment has " + env.size() + " variables; at most " + Inputs.MAX_OPTIONS
                    + " are allowed");
        }
        env.forEach((k, v) -> {
            if (k == null || k.length() > Inputs.OPTION_KEY || !ENV_NAME.matcher(k).matches()) {
                throw ApiException.badRequest("environment variable name '" + Texts.shown(k, 40) + "' is not valid: "
                        + "letters, digits and '_', not starting with a digit, at most " + Inputs.OPTION_KEY + " characters");
            }
            Inputs.multiline("environment." + k, v == null ? "" : v, MAX_ENV_VALUE);
        });
        job.environment = Map.copyOf(env);
        job.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        job.updatedAt = job.createdAt;
        return job;
    }

    private List<String> commands(NewJob request, JobType type) {
        List<String> commands = new ArrayList<>(request.workers() == null ? List.of() : request.workers());
        if (commands.isEmpty() && type == JobType.NOTEBOOK) {
            commands.add(config.notebookCommand());
        }
        if (commands.isEmpty()) {
            throw ApiException.badRequest("workers must list at least one command");
        }
        if (type == JobType.NOTEBOOK && commands.size() > 1) {
            throw ApiException.badRequest("a notebook has exactly one worker");
        }
        if (commands.size() > config.maxWorkers()) {
            throw ApiException.badRequest("a job may have at most " + config.maxWorkers() + " workers");
        }
        if (commands.stream().anyMatch(c -> c == null || c.isBlank())) {
            throw ApiException.badRequest("every worker needs a command");
        }
        for (int i = 0; i < commands.size(); i++) {
            Inputs.multiline("workers[" + i + "]", commands.get(i), MAX_COMMAND);
        }
        return commands;
    }

    private static String checkName(String name, String field) {
        return Inputs.required(field, name, Inputs.NAME);
    }
}
