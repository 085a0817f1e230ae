package dev.modelstore.api.messaging;

import dev.modelstore.api.export.ExportService;
import dev.modelstore.events.ModelExportEvent;
import dev.modelstore.support.inbox.IncomingEvents;
import dev.modelstore.support.inbox.ProcessedEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Applies the fetcher's export events to exports and their models, once each. */
@ApplicationScoped
public class ExportEventsConsumer {

    private static final String CONSUMER = "model-api.exports";

    private final ProcessedEvents processed;
    private final ExportService exports;

    ExportEventsConsumer(ProcessedEvents processed, ExportService exports) {
        this.processed = processed;
        this.exports = exports;
    }

    @Incoming("model-exports")
    @Blocking
    public void onExportEvent(String payload) {
        if (IncomingEvents.decode(payload).orElse(null) instanceof ModelExportEvent export) {
            processed.applyOnce(CONSUMER, export, () -> exports.apply(export));
        }
    }
}
