package dev.modelstore.api.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelstore.api.rest.ServiceForwarder;
import dev.modelstore.support.rest.ApiException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Asks job-runner, with the stream's own token, whether a job of the caller's project exists and is over. */
final class JobLookup {

    /** What job-runner said about the job. */
    enum State { ACTIVE, OVER, GONE, UNKNOWN }

    private static final Set<String> OVER = Set.of("finished", "failed", "stopped", "removed");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceForwarder forwarder;
    private final Optional<URI> jobsUrl;
    private final String authorization;
    private final UUID projectId;

    JobLookup(ServiceForwarder forwarder, Optional<URI> jobsUrl, String token, UUID projectId) {
        this.forwarder = forwarder;
        this.jobsUrl = jobsUrl;
        this.authorization = "Bearer " + token;
        this.projectId = projectId;
    }

    /** The job's state; {@code UNKNOWN} when job-runner cannot be asked right now. */
    State state(UUID jobId) {
        try {
            Response answer = forwarder.forward(jobsUrl, "job-runner", "modelstore.jobs-url", "GET",
                    "/job/" + jobId + "?project_uuid=" + projectId, authorization, null);
            if (answer.getStatus() == 404) {
                return State.GONE;
            }
            if (answer.getStatus() != 200 || !(answer.getEntity() instanceof String body)) {
                return State.UNKNOWN;
            }
            JsonNode job = JSON.readTree(body);
            return OVER.contains(job.path("status").asText()) ? State.OVER : State.ACTIVE;
        } catch (ApiException | java.io.IOException e) {
            return State.UNKNOWN;
        }
    }
}
