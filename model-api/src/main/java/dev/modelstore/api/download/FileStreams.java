package dev.modelstore.api.download;

import dev.modelstore.api.config.ModelApiConfig;
import dev.modelstore.support.limits.StreamTurns;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/**
 * Bounds the single files streamed at once, per project and in all: each stream holds a store
 * connection and write buffers for as long as its client takes to read, so a project's slow readers
 * may not take model-api's memory or every other project's turn (429 for the project, 503 in all).
 */
@ApplicationScoped
public class FileStreams {

    private final StreamTurns<UUID> turns;

    FileStreams(ModelApiConfig config) {
        this.turns = new StreamTurns<>("file downloads", config.downloads().maxFileStreams(),
                config.downloads().maxFileStreamsPerProject(), Duration.ofSeconds(30));
    }

    /** Takes a turn for one of the project's file downloads, or refuses. */
    public StreamTurns<UUID>.Turn acquire(UUID projectId) {
        return turns.take(projectId, "project");
    }
}
