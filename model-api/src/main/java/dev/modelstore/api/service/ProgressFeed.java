package dev.modelstore.api.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.modelstore.events.ModelIngestCompleted;
import dev.modelstore.events.ModelIngestEvent;
import dev.modelstore.events.ModelIngestFailed;
import dev.modelstore.events.ModelIngestProgressed;
import dev.modelstore.events.ModelIngestStarted;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Live ingest progress for browsers and the CLI: every model-api instance reads all ingest events
 * (its own consumer group, from the latest offset) and hands them to the subscribers of the
 * model's project. Nothing is stored here; the model's row stays the truth.
 */
@ApplicationScoped
public class ProgressFeed {

    /** One update, as a subscriber sees it. {@code heartbeat} items keep idle connections open. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Update(String event, @JsonProperty("model_uuid") UUID modelUuid,
            @JsonProperty("project_uuid") UUID projectUuid, String status, Long bytes, Long files, Long size,
            @JsonProperty("failure_reason") String failureReason, Instant at) {
    }

    private final BroadcastProcessor<Update> updates = BroadcastProcessor.create();

    /** Hands an ingest event to the subscribers. */
    public void publish(ModelIngestEvent event) {
        Update update;
        if (event instanceof ModelIngestStarted) {
            update = update(event, "downloading", 0L, 0L, null, null);
        } else if (event instanceof ModelIngestProgressed progressed) {
            update = update(event, "downloading", progressed.bytes(), progressed.files(), null, null);
        } else if (event instanceof ModelIngestCompleted completed) {
            update = update(event, "ready", completed.sizeBytes(), completed.fileCount(), completed.sizeBytes(), null);
        } else if (event instanceof ModelIngestFailed failed) {
            update = update(event, "failed", null, null, null, failed.reason());
        } else {
            return;
        }
        updates.onNext(update);
    }

    /** The updates of one project's models, with a heartbeat every 15 seconds; a slow subscriber misses updates, never blocks others. */
    public Multi<Update> of(UUID projectId) {
        Multi<Update> heartbeats = Multi.createFrom().ticks().every(Duration.ofSeconds(15))
                .map(tick -> new Update("heartbeat", null, projectId, null, null, null, null, null, Instant.now()));
        return Multi.createBy().merging().streams(
                updates.filter(u -> u.projectUuid().equals(projectId)).onOverflow().drop(), heartbeats);
    }

    private static Update update(ModelIngestEvent event, String status, Long bytes, Long files, Long size, String reason) {
        return new Update(event.getClass().getSimpleName(), event.modelId(), event.projectId(), status, bytes, files, size,
                reason, event.occurredAt());
    }
}
