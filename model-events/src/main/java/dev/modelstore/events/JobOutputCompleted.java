package dev.modelstore.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One worker of a job finished and its model folder was saved as a new model.
 *
 * @param workerNumber 1-based worker number within the job
 * @param outputModelId the model created from the worker's model folder
 * @param inputModelId the model the job started from, if any (lineage)
 */
public record JobOutputCompleted(
        UUID eventId,
        Instant occurredAt,
        UUID jobId,
        UUID projectId,
        int workerNumber,
        UUID outputModelId,
        UUID inputModelId)
        implements ModelstoreEvent {

    @Override
    public String key() {
        return jobId.toString();
    }
}
