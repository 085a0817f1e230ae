package dev.modelstore.fetcher.messaging;

import dev.modelstore.events.ModelRequested;
import dev.modelstore.events.ModelstoreEvent;
import dev.modelstore.support.inbox.IncomingEvents;
import dev.modelstore.support.inbox.Retrying;
import dev.modelstore.fetcher.service.IngestService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Takes model requests off Kafka and ingests them on the ingest worker pool, several at a time. */
@ApplicationScoped
public class ModelRequestsConsumer {


    private final IngestService ingests;

    ModelRequestsConsumer(IngestService ingests) {
        this.ingests = ingests;
    }

    @Incoming("model-requests")
    @Blocking(value = "ingest-pool", ordered = false)
    public void onModelRequested(String payload) {
        ModelstoreEvent event = IncomingEvents.decode(payload).orElse(null);
        if (event instanceof ModelRequested request) {
            // An ingest records its own failures; what escapes is the database failing, which a retry takes over.
            Retrying.apply("ModelRequested " + request.eventId(), () -> ingests.ingest(request));
        }
    }
}
