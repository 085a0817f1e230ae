package dev.modelstore.api.messaging;

import dev.modelstore.api.service.IngestProgress;
import dev.modelstore.events.ModelIngestEvent;
import dev.modelstore.events.ModelstoreEvent;
import dev.modelstore.support.inbox.IncomingEvents;
import dev.modelstore.support.inbox.ProcessedEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Applies the fetcher's ingest events to models, once each. */
@ApplicationScoped
public class IngestEventsConsumer {

    private static final String CONSUMER = "model-api.ingest";

    private final ProcessedEvents processed;
    private final IngestProgress progress;

    IngestEventsConsumer(ProcessedEvents processed, IngestProgress progress) {
        this.processed = processed;
        this.progress = progress;
    }

    @Incoming("model-ingest")
    @Blocking
    @Transactional
    public void onIngestEvent(String payload) {
        ModelstoreEvent event = IncomingEvents.decode(payload).orElse(null);
        if (event instanceof ModelIngestEvent ingest && processed.claim(CONSUMER, event.eventId())) {
            progress.apply(ingest);
        }
    }
}
