package dev.modelstore.api.download;

import dev.modelstore.api.config.ModelApiConfig;
import dev.modelstore.support.limits.StreamTurns;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/**
 * Bounds the archives streamed at once: so many over all projects, fewer per project, so that one
 * project downloading many archives cannot take model-api's memory or every other project's turn.
 * A request beyond a bound gets 429 (its project's bound) or 503 (model-api's), both with a message.
 */
@ApplicationScoped
public class ArchiveSlots {

    private final StreamTurns<UUID> turns;

    ArchiveSlots(ModelApiConfig config) {
        this.turns = new StreamTurns<>("archives", config.downloads().maxArchives(),
                config.downloads().maxArchivesPerProject(), Duration.ofSeconds(30));
    }

    /** Takes a turn for one of the project's archives, or refuses. */
    public StreamTurns<UUID>.Turn acquire(UUID projectId) {
        return turns.take(projectId, "project");
    }
}
