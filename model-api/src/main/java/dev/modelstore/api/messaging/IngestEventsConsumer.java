package dev.modelstore.api.messaging;

import dev.modelstore.api.service.IngestProgress;
import dev.modelstore.events.EventCodec;
import dev.modelstore.events.ModelIngestEvent;
import dev.modelstore.events.ModelstoreEvent;
import dev.modelstore.support.inbox.ProcessedEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Applies the fetcher's ingest events to models, once each. */
@ApplicationScoped
public class IngestEventsConsumer {

    private static final Logger LOG = Logger.getLogger(IngestEventsConsumer.class);
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
        ModelstoreEvent event;
        try {
            event = EventCodec.fromJson(payload);
        } catch (IllegalArgumentException e) {
            LOG.warnf("skipping a record that is not a Modelstore event: %s", e.getMessage());
            return;
        }
        if (event instanceof ModelIngestEvent ingest && processed.claim(CONSUMER, event.eventId())) {
            progress.apply(ingest);
        }
    }
}
