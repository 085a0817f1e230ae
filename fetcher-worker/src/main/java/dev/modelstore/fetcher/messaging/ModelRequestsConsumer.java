package dev.modelstore.fetcher.messaging;

import dev.modelstore.events.EventCodec;
import dev.modelstore.events.ModelRequested;
import dev.modelstore.events.ModelstoreEvent;
import dev.modelstore.fetcher.service.IngestService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Takes model requests off Kafka and ingests them on the ingest worker pool, several at a time. */
@ApplicationScoped
public class ModelRequestsConsumer {

    private static final Logger LOG = Logger.getLogger(ModelRequestsConsumer.class);

    private final IngestService ingests;

    ModelRequestsConsumer(IngestService ingests) {
        this.ingests = ingests;
    }

    @Incoming("model-requests")
    @Blocking(value = "ingest-pool", ordered = false)
    public void onModelRequested(String payload) {
        ModelstoreEvent event;
        try {
            event = EventCodec.fromJson(payload);
        } catch (IllegalArgumentException e) {
            LOG.warnf("skipping a record that is not a Modelstore event: %s", e.getMessage());
            return;
        }
        if (event instanceof ModelRequested request) {
            ingests.ingest(request);
        }
    }
}
