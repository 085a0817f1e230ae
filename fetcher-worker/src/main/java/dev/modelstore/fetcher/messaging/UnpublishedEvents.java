package dev.modelstore.fetcher.messaging;

import dev.modelstore.events.ModelIngestFailed;
import dev.modelstore.fetcher.Ingest;
import dev.modelstore.fetcher.IngestStatus;
import dev.modelstore.fetcher.repository.IngestRepository;
import dev.modelstore.support.objectstore.ModelObjects;
import dev.modelstore.support.outbox.DeadLetter;
import dev.modelstore.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What the fetcher does when Kafka refuses one of its ingest events for good: model-api would wait
 * for an outcome that never comes, so a short {@link ModelIngestFailed} replaces it (its reason says
 * the outcome could not be published) and the ingest record is failed; a refused failure is replaced
 * the same way, with a reason short enough to be sent.
 */
@ApplicationScoped
public class UnpublishedEvents {

    private static final Logger LOG = Logger.getLogger(UnpublishedEvents.class);

    private final IngestRepository ingests;
    private final Outbox outbox;
    private final ModelObjects objects;

    UnpublishedEvents(IngestRepository ingests, Outbox outbox, ModelObjects objects) {
        this.ingests = ingests;
        this.outbox = outbox;
        this.objects = objects;
    }

    void onDeadLetter(@Observes DeadLetter letter) {
        if (!letter.eventType().startsWith("ModelIngest") || letter.eventType().equals("ModelIngestProgressed")) {
            LOG.errorf("the fetcher's event %s (%s, key %s) was never published", letter.eventId(), letter.eventType(),
                    letter.key());
            return;
        }
        UUID modelId = letter.keyId().orElse(null);
        if (modelId == null) {
            return;
        }
        Ingest ingest = ingests.findForUpdate(modelId).orElse(null);
        if (ingest == null) {
            return;
        }
        if (letter.eventType().equals("ModelIngestCompleted")) {
            // model-api never learns the model is ready: it will be failed, so nothing of it may stay.
            objects.deleteAll(modelId);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String reason = "the fetcher could not publish this model's outcome (the event broker refused it: "
                + letter.error().substring(0, Math.min(300, letter.error().length())) + "); create the model again";
        ingest.status = IngestStatus.FAILED;
        ingest.reason = reason;
        ingest.finishedAt = now;
        outbox.append(new ModelIngestFailed(UUID.randomUUID(), now, ingest.modelId, ingest.projectId, reason));
    }
}
