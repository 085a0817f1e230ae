package dev.modelstore.fetcher.messaging;

import dev.modelstore.events.ModelRequested;
import dev.modelstore.events.ModelstoreEvent;
import dev.modelstore.fetcher.service.IngestDispatcher;
import dev.modelstore.fetcher.service.IngestService;
import dev.modelstore.support.inbox.IncomingEvents;
import dev.modelstore.support.inbox.Retrying;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Takes model requests off Kafka: each is queued (in PostgreSQL) and its record acknowledged at once,
 * so no request ever waits on a thread for a slot; the {@link IngestDispatcher} runs them.
 */
@ApplicationScoped
public class ModelRequestsConsumer {

    private final IngestService ingests;
    private final IngestDispatcher dispatcher;

    ModelRequestsConsumer(IngestService ingests, IngestDispatcher dispatcher) {
        this.ingests = ingests;
        this.dispatcher = dispatcher;
    }

    @Incoming("model-requests")
    @Blocking(value = "ingest-pool", ordered = false)
    public void onModelRequested(String payload) {
        ModelstoreEvent event = IncomingEvents.decode(payload).orElse(null);
        if (event instanceof ModelRequested request) {
            // What escapes is the database failing, which a retry takes over.
            AtomicBoolean queued = new AtomicBoolean();
            Retrying.apply("ModelRequested " + request.eventId(), () -> queued.set(ingests.ingest(request)));
            if (queued.get()) {
                dispatcher.wakeUp();
            }
        }
    }
}
