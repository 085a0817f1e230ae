package dev.modelstore.fetcher.messaging;

import dev.modelstore.events.ModelDeleted;
import dev.modelstore.events.ModelstoreEvent;
import dev.modelstore.support.inbox.IncomingEvents;
import dev.modelstore.support.inbox.Retrying;
import dev.modelstore.fetcher.service.IngestLedger;
import dev.modelstore.fetcher.service.RunningIngests;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Cancels the ingest and the exports of a model that was deleted; repeating a cancellation changes nothing. */
@ApplicationScoped
public class ModelLifecycleConsumer {


    private final IngestLedger ledger;
    private final RunningIngests running;
    private final dev.modelstore.fetcher.export.ExportQueue exports;
    private final dev.modelstore.fetcher.export.ExportRunner exportRunner;

    ModelLifecycleConsumer(IngestLedger ledger, RunningIngests running, dev.modelstore.fetcher.export.ExportQueue exports,
            dev.modelstore.fetcher.export.ExportRunner exportRunner) {
        this.ledger = ledger;
        this.running = running;
        this.exports = exports;
        this.exportRunner = exportRunner;
    }

    @Incoming("model-lifecycle")
    @Blocking
    public void onLifecycleEvent(String payload) {
        ModelstoreEvent event = IncomingEvents.decode(payload).orElse(null);
        if (event instanceof ModelDeleted deleted) {
            running.cancel(deleted.modelId());
            Retrying.apply("ModelDeleted " + deleted.eventId(), () -> ledger.cancel(deleted.modelId(), deleted.projectId()));
            // Its exports stop too (force-deleted while exporting): here if they run here, everywhere in the queue.
            exportRunner.cancelModel(deleted.modelId());
            Retrying.apply("ModelDeleted " + deleted.eventId() + " exports", () -> exports.cancel(deleted.modelId()));
        }
    }
}
