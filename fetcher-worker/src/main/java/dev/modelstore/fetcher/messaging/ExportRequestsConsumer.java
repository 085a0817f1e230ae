package dev.modelstore.fetcher.messaging;

import dev.modelstore.events.ModelExportRequested;
import dev.modelstore.fetcher.export.ExportDispatcher;
import dev.modelstore.fetcher.export.ExportQueue;
import dev.modelstore.support.inbox.IncomingEvents;
import dev.modelstore.support.inbox.Retrying;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Takes export requests off Kafka: each is stored in the fleet's export queue (PostgreSQL) and its
 * record acknowledged at once; a redelivered request changes nothing. The export dispatchers run them.
 */
@ApplicationScoped
public class ExportRequestsConsumer {

    private final ExportQueue queue;
    private final ExportDispatcher dispatcher;

    ExportRequestsConsumer(ExportQueue queue, ExportDispatcher dispatcher) {
        this.queue = queue;
        this.dispatcher = dispatcher;
    }

    @Incoming("model-export-requests")
    @Blocking
    public void onExportRequested(String payload) {
        if (IncomingEvents.decode(payload).orElse(null) instanceof ModelExportRequested request) {
            AtomicBoolean queued = new AtomicBoolean();
            Retrying.apply("ModelExportRequested " + request.eventId(),
                    () -> queued.set(queue.enqueue(request, dispatcher.worker())));
            if (queued.get()) {
                dispatcher.wakeUp();
            }
        }
    }
}
