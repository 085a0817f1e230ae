package dev.modelstore.api.messaging;

import dev.modelstore.api.service.IngestProgress;
import dev.modelstore.api.service.ProgressFeed;
import dev.modelstore.events.ModelIngestEvent;
import dev.modelstore.support.inbox.IncomingEvents;
import dev.modelstore.support.inbox.ProcessedEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Applies the fetcher's ingest events to models, once each. */
@ApplicationScoped
public class IngestEventsConsumer {

    private static final String CONSUMER = "model-api.ingest";

    private final ProcessedEvents processed;
    private final IngestProgress progress;
    private final ProgressFeed feed;

    IngestEventsConsumer(ProcessedEvents processed, IngestProgress progress, ProgressFeed feed) {
        this.processed = processed;
        this.progress = progress;
        this.feed = feed;
    }

    /** Every instance sees every ingest event here (its own group), for the live feed. */
    @Incoming("model-ingest-live")
    public void onLiveEvent(String payload) {
        if (IncomingEvents.decode(payload).orElse(null) instanceof ModelIngestEvent ingest) {
            feed.publish(ingest);
        }
    }

    @Incoming("model-ingest")
    @Blocking
    public void onIngestEvent(String payload) {
        if (IncomingEvents.decode(payload).orElse(null) instanceof ModelIngestEvent ingest) {
            processed.applyOnce(CONSUMER, ingest, () -> progress.apply(ingest));
        }
    }
}
