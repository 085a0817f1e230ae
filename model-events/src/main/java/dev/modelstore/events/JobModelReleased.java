package dev.modelstore.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A job no longer uses its model: it finished, failed, was stopped for good or removed. The model's
 * active-job count drops by this job (once, however often the event is delivered), and the model may
 * be deleted when no other job uses it. The job took its use synchronously when it was accepted.
 *
 * @param jobStatus the job's status when it let go of the model ({@code finished}, {@code failed},
 *     {@code stopped} or {@code removed})
 */
public record JobModelReleased(
        UUID eventId,
        Instant occurredAt,
        UUID jobId,
        UUID projectId,
        UUID modelId,
        String jobStatus)
        implements ModelstoreEvent {

    @Override
    public String key() {
        return jobId.toString();
    }
}
