package dev.modelstore.jobs.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.modelstore.jobs.FolderSave;
import dev.modelstore.jobs.Job;
import dev.modelstore.jobs.JobStatus;
import dev.modelstore.jobs.JobWorker;
import dev.modelstore.jobs.WorkerStatus;
import dev.modelstore.jobs.service.JobService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A job as the API shows it, in trainML's field names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(
        @JsonProperty("job_uuid") UUID jobUuid,
        UUID id,
        @JsonProperty("project_uuid") UUID projectUuid,
        String name,
        String type,
        JobStatus status,
        Model model,
        Data data,
        Resources resources,
        List<Worker> workers,
        @JsonProperty("model_saves") List<Save> modelSaves,
        @JsonProperty("failure_reason") String failureReason,
        Instant createdAt,
        Instant updatedAt) {

    /** The model the job uses. */
    public record Model(@JsonProperty("source_type") String sourceType, @JsonProperty("source_uri") String sourceUri) {
    }

    /** Where the job's output goes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Data(@JsonProperty("output_type") String outputType, @JsonProperty("output_uri") String outputUri,
            @JsonProperty("output_options") Map<String, String> outputOptions) {
    }

    /** The job's working-directory size in GB. */
    public record Resources(@JsonProperty("disk_size") int diskSize) {
    }

    /** One worker; {@code job_worker_uuid} names its log stream, {@code output_uuid} is the model its folder became. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Worker(@JsonProperty("job_worker_uuid") UUID jobWorkerUuid, @JsonProperty("worker_number") int workerNumber,
            String command, WorkerStatus status,
            @JsonProperty("exit_code") Integer exitCode, @JsonProperty("output_uuid") UUID outputUuid,
            @JsonProperty("failure_reason") String failureReason, Instant startedAt, Instant finishedAt) {
    }

    /** A folder being saved (or saved) as a model. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Save(@JsonProperty("model_uuid") UUID modelUuid, @JsonProperty("save_directory") String folder,
            String name, String status, Long size, @JsonProperty("failure_reason") String failureReason) {

        public static Save of(FolderSave save) {
            return new Save(save.id, save.folder, save.name, save.status.name().toLowerCase(), save.sizeBytes,
                    save.failureReason);
        }
    }

    /** The view of a job with its workers and saves. */
    public static JobView of(JobService.JobState state) {
        Job job = state.job();
        return new JobView(job.id, job.id, job.projectId, job.name, job.type.wireName(), job.status,
                job.modelId == null ? null : new Model("trainml", job.modelId.toString()),
                job.savesModels() ? new Data("trainml", "model", job.outputName == null ? null : Map.of("name", job.outputName)) : null,
                new Resources(job.diskSizeGb),
                state.workers().stream().map(JobView::worker).toList(),
                state.saves().stream().map(Save::of).toList(),
                job.failureReason, job.createdAt, job.updatedAt);
    }

    private static Worker worker(JobWorker worker) {
        return new Worker(worker.workerUuid, worker.number(), worker.command, worker.status, worker.exitCode, worker.outputModelId,
                worker.failureReason, worker.startedAt, worker.finishedAt);
    }
}
