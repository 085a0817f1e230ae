package dev.modelstore.fetcher.service;

import dev.modelstore.fetcher.IngestCancelled;
import dev.modelstore.fetcher.store.ObjectStoreModelWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The ingests running in this process: each with a flag that a deletion of its model raises and,
 * once its source is being read, its writer, which a deletion or the {@link IngestWatchdog} aborts
 * (connections closed at once, not drained).
 */
@ApplicationScoped
public class RunningIngests {

    /** One running ingest. */
    static final class Running {
        final UUID modelId;
        final AtomicBoolean cancelled = new AtomicBoolean();
        final long startedNanos = System.nanoTime();
        volatile ObjectStoreModelWriter writer;

        Running(UUID modelId) {
            this.modelId = modelId;
        }

        void cancel() {
            cancelled.set(true);
            ObjectStoreModelWriter current = writer;
            if (current != null) {
                current.abort(new IngestCancelled("model " + modelId + " was deleted during its download"));
            }
        }
    }

    private final ConcurrentHashMap<UUID, Running> running = new ConcurrentHashMap<>();

    /** Registers a starting ingest; its flag is read by the writer while it streams. */
    AtomicBoolean register(UUID modelId) {
        return running.computeIfAbsent(modelId, Running::new).cancelled;
    }

    /** The writer the ingest streams into, so that it can be aborted. */
    void attach(UUID modelId, ObjectStoreModelWriter writer) {
        Running entry = running.get(modelId);
        if (entry != null) {
            entry.writer = writer;
            if (entry.cancelled.get()) {
                entry.cancel();
            }
        }
    }

    /** Forgets an ingest that ended. */
    void unregister(UUID modelId) {
        running.remove(modelId);
    }

    /** The models whose ingests run here now. */
    java.util.Set<UUID> ids() {
        return java.util.Set.copyOf(running.keySet());
    }

    /** The ingests running now. */
    Collection<Running> all() {
        return running.values();
    }

    /** Raises the cancel flag of the model's ingest, if it runs here, and aborts its transfer at once. */
    public void cancel(UUID modelId) {
        Running entry = running.get(modelId);
        if (entry != null) {
            entry.cancel();
        }
    }
}
