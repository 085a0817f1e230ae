package dev.modelstore.api.messaging;

import dev.modelstore.api.Model;
import dev.modelstore.api.ModelStatus;
import dev.modelstore.api.repository.ModelLogRepository;
import dev.modelstore.api.repository.ModelRepository;
import dev.modelstore.support.outbox.DeadLetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What model-api does when Kafka refuses one of its events for good: a model whose
 * {@code ModelRequested} can never reach a fetcher ends {@code failed} with the reason, instead of
 * waiting in {@code new} forever. Other refused events are only reported (log, health, metric).
 */
@ApplicationScoped
public class UnpublishedEvents {

    private static final Logger LOG = Logger.getLogger(UnpublishedEvents.class);

    private final ModelRepository models;
    private final ModelLogRepository log;

    UnpublishedEvents(ModelRepository models, ModelLogRepository log) {
        this.models = models;
        this.log = log;
    }

    void onDeadLetter(@Observes DeadLetter letter) {
        if (!"ModelRequested".equals(letter.eventType())) {
            LOG.errorf("model-api's event %s (%s, key %s) was never published; an operator must look at "
                    + "outbox_dead_letter", letter.eventId(), letter.eventType(), letter.key());
            return;
        }
        UUID modelId = letter.keyId().orElse(null);
        if (modelId == null) {
            return;
        }
        Model model = models.findForUpdate(modelId).orElse(null);
        if (model == null || model.status.isFinal()) {
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        model.status = ModelStatus.FAILED;
        model.failureReason = "Modelstore could not hand this model's request to a fetcher (the event broker refused it: "
                + letter.error() + "); create the model again, with a shorter source_uri or fewer source_options";
        model.updatedAt = now;
        log.append(model.id, now, "failed: " + model.failureReason);
    }
}
