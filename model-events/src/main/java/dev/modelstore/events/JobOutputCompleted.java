package dev.modelstore.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A folder of a job was saved, every byte of it, as a new model that is now {@code ready}: a worker's
 * model folder when the job's output type is a model, or a notebook's {@code models} or {@code output}
 * folder copied on request. The manifest (every file with its SHA-256) is an object in the store.
 *
 * @param workerNumber 1-based worker number within the job
 * @param savedFolder which folder was saved: {@code model} (a worker's output), {@code models} or {@code output}
 * @param outputModelId the model created from the folder; the same id however often the save is repeated
 * @param outputName the new model's name, e.g. {@code Job - <job name> Worker 2}
 * @param inputModelId the model the job started from, if any (lineage)
 * @param manifestKey object key of the manifest JSON in the model store's bucket
 * @param manifestSha256 SHA-256 of the manifest object
 */
public record JobOutputCompleted(
        UUID eventId,
        Instant occurredAt,
        UUID jobId,
        UUID projectId,
        String jobName,
        int workerNumber,
        String savedFolder,
        UUID outputModelId,
        String outputName,
        UUID inputModelId,
        long sizeBytes,
        long fileCount,
        String manifestKey,
        String manifestSha256)
        implements ModelstoreEvent {

    @Override
    public String key() {
        return jobId.toString();
    }
}
