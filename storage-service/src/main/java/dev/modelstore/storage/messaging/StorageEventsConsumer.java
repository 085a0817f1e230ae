package dev.modelstore.storage.messaging;

import dev.modelstore.events.JobOutputCompleted;
import dev.modelstore.events.ModelDeleted;
import dev.modelstore.events.ModelIngestCompleted;
import dev.modelstore.events.ModelIngestFailed;
import dev.modelstore.events.ModelstoreEvent;
import dev.modelstore.support.inbox.IncomingEvents;
import dev.modelstore.support.inbox.Retrying;
import dev.modelstore.storage.service.StorageLedger;
import dev.modelstore.storage.service.StorageLimits;
import dev.modelstore.support.objectstore.ModelObjects;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Feeds the storage ledger from ingest outcomes, saved job folders and deletions. A deleted model's objects are removed
 * before the deletion is recorded, so a crash in between only repeats an idempotent removal.
 */
@ApplicationScoped
public class StorageEventsConsumer {

    private static final Logger LOG = Logger.getLogger(StorageEventsConsumer.class);

    private final StorageLedger ledger;
    private final ModelObjects objects;
    private final StorageLimits limits;

    StorageEventsConsumer(StorageLedger ledger, ModelObjects objects, StorageLimits limits) {
        this.limits = limits;
        this.ledger = ledger;
        this.objects = objects;
    }

    @Incoming("model-ingest")
    @Blocking
    public void onIngestEvent(String payload) {
        ModelstoreEvent event = decode(payload);
        if (event instanceof ModelIngestFailed failed) {
            // A failed ingest stores nothing: what it reserved of its project's quota goes (idempotent).
            Retrying.apply("ModelIngestFailed " + failed.eventId(), () -> limits.release(failed.modelId()));
        }
        if (event instanceof ModelIngestCompleted completed) {
            Retrying.apply("ModelIngestCompleted " + completed.eventId(), () -> {
                if (ledger.isDeleted(completed.modelId())) {
                    int removed = objects.deleteAll(completed.modelId());
                    LOG.infof("model %s was deleted before its ingest finished; removed %d objects", completed.modelId(),
                            removed);
                }
                ledger.stored(completed);
            });
        }
    }

    @Incoming("job-outputs")
    @Blocking
    public void onJobOutput(String payload) {
        if (decode(payload) instanceof JobOutputCompleted saved) {
            Retrying.apply("JobOutputCompleted " + saved.eventId(), () -> {
                if (ledger.isDeleted(saved.outputModelId())) {
                    objects.deleteAll(saved.outputModelId());
                }
                ledger.stored(saved);
            });
        }
    }

    @Incoming("model-lifecycle")
    @Blocking
    public void onLifecycleEvent(String payload) {
        if (decode(payload) instanceof ModelDeleted deleted) {
            Retrying.apply("ModelDeleted " + deleted.eventId(), () -> {
                int removed = objects.deleteAll(deleted.modelId());
                LOG.infof("model %s deleted: removed %d objects", deleted.modelId(), removed);
                ledger.deleted(deleted);
            });
        }
    }

    private static ModelstoreEvent decode(String payload) {
        return IncomingEvents.decode(payload).orElse(null);
    }
}
