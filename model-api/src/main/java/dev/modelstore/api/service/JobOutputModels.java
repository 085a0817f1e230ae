package dev.modelstore.api.service;

import dev.modelstore.api.Model;
import dev.modelstore.api.ModelStatus;
import dev.modelstore.api.repository.ModelLogRepository;
import dev.modelstore.api.repository.ModelRepository;
import dev.modelstore.events.JobOutputCompleted;
import dev.modelstore.events.SourceType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a saved job folder into a {@code ready} model, with its lineage (job, worker, folder, input
 * model) in {@code source_options}. The model's id comes from job-runner and is the same however
 * often the save or the event is repeated, so each worker gives exactly one model.
 */
@ApplicationScoped
public class JobOutputModels {

    private final ModelRepository models;
    private final ModelLogRepository log;

    JobOutputModels(ModelRepository models, ModelLogRepository log) {
        this.models = models;
        this.log = log;
    }

    /** Creates the model unless it exists already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void saved(JobOutputCompleted event) {
        if (models.findById(event.outputModelId()) != null) {
            return;
        }
        Map<String, String> lineage = new LinkedHashMap<>();
        lineage.put("job_uuid", event.jobId().toString());
        lineage.put("job_name", event.jobName());
        lineage.put("worker", String.valueOf(event.workerNumber()));
        lineage.put("saved_folder", event.savedFolder());
        if (event.inputModelId() != null) {
            lineage.put("input_model_uuid", event.inputModelId().toString());
        }
        Model model = new Model();
        model.id = event.outputModelId();
        model.projectId = event.projectId();
        model.name = event.outputName();
        model.type = "model";
        model.status = ModelStatus.READY;
        model.sourceType = SourceType.JOB;
        model.sourceUri = event.jobId() + "/" + event.savedFolder();
        model.sourceOptions = lineage;
        model.sizeBytes = event.sizeBytes();
        model.fileCount = event.fileCount();
        model.progressBytes = event.sizeBytes();
        model.progressFiles = event.fileCount();
        model.manifestKey = event.manifestKey();
        model.createdAt = event.occurredAt().truncatedTo(ChronoUnit.MICROS);
        model.updatedAt = model.createdAt;
        models.persist(model);
        log.append(model.id, event.occurredAt(), "saved from the " + event.savedFolder() + " folder of job '"
                + event.jobName() + "' (" + event.jobId() + ") worker " + event.workerNumber() + ": " + event.fileCount()
                + " files, " + event.sizeBytes() + " bytes; ready");
    }
}
