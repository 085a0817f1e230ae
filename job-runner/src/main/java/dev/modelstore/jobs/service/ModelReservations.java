package dev.modelstore.jobs.service;

import dev.modelstore.jobs.Job;
import dev.modelstore.support.internal.InternalCalls;
import dev.modelstore.support.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reserves a job's model at model-api, synchronously, under the model's row lock (the lock its
 * deletion takes): a job is accepted only once its model is reserved, so no job ever starts on a
 * model that is being deleted. The reservation ends with a {@code JobModelReleased} event.
 */
@ApplicationScoped
public class ModelReservations {

    /** What a job learns of the model it reserved. */
    public record ReservedModel(long sizeBytes, long fileCount) {
    }

    private final InternalCalls calls;
    private final Optional<URI> apiUrl;

    ModelReservations(InternalCalls calls, @ConfigProperty(name = "modelstore.api-url") Optional<URI> apiUrl) {
        this.calls = calls;
        this.apiUrl = apiUrl;
    }

    /**
     * Reserves the job's model.
     *
     * @throws ApiException 404 or 409 as model-api answered (the model is gone or not ready), 503 when
     *     model-api could not be asked (then whether the reservation was made is not known)
     */
    public ReservedModel reserve(Job job) {
        var answer = calls.post(apiUrl, "/internal/models/" + job.modelId + "/job-uses",
                        Map.of("job_uuid", job.id, "project_uuid", job.projectId, "job_name", job.name))
                .orElseThrow(() -> new ApiException(503, "model-api cannot be reached to reserve model " + job.modelId
                        + " for the job; try again shortly"));
        if (answer.status() == 200 && answer.body() != null) {
            return new ReservedModel(answer.body().path("size").asLong(), answer.body().path("file_count").asLong());
        }
        String message = answer.body() != null && answer.body().hasNonNull("message") ? answer.body().get("message").asText()
                : "model-api answered " + answer.status();
        if (answer.status() == 404 || answer.status() == 409) {
            throw new ApiException(answer.status(), message);
        }
        throw new ApiException(503, "model " + job.modelId + " could not be reserved for the job (" + message
                + "); try again shortly");
    }
}
