package dev.modelstore.api.service;

import dev.modelstore.api.Model;
import dev.modelstore.api.ModelJobUse;
import dev.modelstore.api.ModelStatus;
import dev.modelstore.api.repository.ModelJobUseRepository;
import dev.modelstore.api.repository.ModelRepository;
import dev.modelstore.events.JobModelReleased;
import dev.modelstore.support.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Which jobs use which models. A job takes its use under the model's row lock, the lock deletion also
 * takes, so "start a job on M" and "delete M" are serialised: a job never starts on a deleted model,
 * and a model with a job is never deleted.
 */
@ApplicationScoped
public class ModelJobUses {

    private final ModelJobUseRepository uses;
    private final ModelRepository models;

    ModelJobUses(ModelJobUseRepository uses, ModelRepository models) {
        this.uses = uses;
        this.models = models;
    }

    /**
     * Records that the job uses the model, which must be ready and in the job's project. Repeating it
     * for the same job and model changes nothing; a job that already let go of its model cannot take it again.
     */
    @Transactional
    public Model reserve(UUID modelId, UUID projectId, UUID jobId, String jobName) {
        Model model = models.findForUpdate(modelId).filter(m -> m.projectId.equals(projectId))
                .orElseThrow(() -> ApiException.notFound("model " + modelId + " does not exist"));
        ModelJobUse existing = uses.findById(jobId);
        if (existing != null) {
            if (!existing.modelId.equals(modelId) || !existing.active()) {
                throw ApiException.conflict("job " + jobId + " already used a model and let go of it");
            }
            return model;
        }
        if (!model.status.hasFiles()) {
            throw ApiException.conflict("model " + modelId + " is " + model.status.wireName()
                    + "; a job can use it once it is ready");
        }
        ModelJobUse use = new ModelJobUse();
        use.jobId = jobId;
        use.modelId = modelId;
        use.projectId = projectId;
        use.jobName = jobName == null || jobName.isBlank() ? jobId.toString() : jobName;
        use.reservedAt = now();
        uses.persist(use);
        return model;
    }

    /** Ends the job's use of its model; repeating it, or releasing a job that never took one, changes nothing. */
    @Transactional
    public void release(JobModelReleased event) {
        ModelJobUse use = uses.findById(event.jobId());
        if (use != null) {
            if (use.active()) {
                use.releasedAt = now();
            }
            return;
        }
        if (event.modelId() != null && models.findById(event.modelId()) != null) {
            // Released before its reservation landed (a reservation whose answer never reached job-runner):
            // leave a tombstone so that reservation is refused if it arrives now.
            ModelJobUse tombstone = new ModelJobUse();
            tombstone.jobId = event.jobId();
            tombstone.modelId = event.modelId();
            tombstone.projectId = event.projectId();
            tombstone.jobName = event.jobId().toString();
            tombstone.reservedAt = now();
            tombstone.releasedAt = tombstone.reservedAt;
            uses.persist(tombstone);
        }
    }

    /** The jobs using the model now; call inside the transaction that holds the model's row lock. */
    public List<ModelJobUse> active(UUID modelId) {
        return uses.activeFor(modelId);
    }

    /** How many jobs use each model now. */
    @Transactional
    public Map<UUID, Long> activeCounts(Collection<UUID> modelIds) {
        return uses.activeCounts(modelIds);
    }

    /** Refuses (409) while jobs use the model, naming them. */
    public void checkUnused(UUID modelId) {
        List<ModelJobUse> active = active(modelId);
        if (!active.isEmpty()) {
            throw ApiException.conflict("model " + modelId + " is used by " + active.size() + " active job"
                    + (active.size() == 1 ? "" : "s") + " ("
                    + active.stream().map(u -> "'" + u.jobName + "' " + u.jobId).collect(Collectors.joining(", "))
                    + "); it can be deleted once they finish or are removed");
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
