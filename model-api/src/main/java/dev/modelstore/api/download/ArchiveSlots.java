package dev.modelstore.api.download;

import dev.modelstore.api.config.ModelApiConfig;
import dev.modelstore.support.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the archives streamed at once: so many over all projects, fewer per project, so that one
 * project downloading many archives cannot take model-api's memory or every other project's turn.
 * A request beyond a bound gets 429 (its project's bound) or 503 (the store's), both with a message.
 */
@ApplicationScoped
public class ArchiveSlots {

    /** One archive being streamed; closing it frees its slot. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private final int total;
    private final int perProject;
    private final Map<UUID, Integer> byProject = new ConcurrentHashMap<>();
    private int running;

    ArchiveSlots(ModelApiConfig config) {
        this.total = config.downloads().maxArchives();
        this.perProject = config.downloads().maxArchivesPerProject();
    }

    /** Takes a slot for the project, or refuses. */
    public synchronized Slot acquire(UUID projectId) {
        int mine = byProject.getOrDefault(projectId, 0);
        if (mine >= perProject) {
            throw new ApiException(429, "this project already streams " + mine + " archives, the most it may at once; "
                    + "wait for one to finish, or download files one by one (GET /model/{id}/files/{path})");
        }
        if (running >= total) {
            throw new ApiException(503, "model-api streams as many archives as it may at once; try again shortly");
        }
        running++;
        byProject.put(projectId, mine + 1);
        return new Slot() {
            private boolean closed;

            @Override
            public void close() {
                synchronized (ArchiveSlots.this) {
                    if (!closed) {
                        closed = true;
                        running--;
                        byProject.computeIfPresent(projectId, (id, n) -> n <= 1 ? null : n - 1);
                    }
                }
            }
        };
    }
}
