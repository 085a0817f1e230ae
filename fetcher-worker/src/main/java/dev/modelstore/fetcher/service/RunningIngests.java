package dev.modelstore.fetcher.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** The ingests running in this process, each with a flag that a deletion of its model raises. */
@ApplicationScoped
public class RunningIngests {

    private final ConcurrentHashMap<UUID, AtomicBoolean> cancelled = new ConcurrentHashMap<>();

    /** Registers a starting ingest; its flag is read by the writer while it streams. */
    AtomicBoolean register(UUID modelId) {
        return cancelled.computeIfAbsent(modelId, id -> new AtomicBoolean());
    }

    /** Forgets an ingest that ended. */
    void unregister(UUID modelId) {
        cancelled.remove(modelId);
    }

    /** Raises the cancel flag of the model's ingest, if it runs here. */
    public void cancel(UUID modelId) {
        AtomicBoolean flag = cancelled.get(modelId);
        if (flag != null) {
            flag.set(true);
        }
    }
}
