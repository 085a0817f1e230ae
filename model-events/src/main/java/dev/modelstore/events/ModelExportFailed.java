package dev.modelstore.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The export stopped; the model is {@code ready} again and its files untouched.
 *
 * @param reason what went wrong and what to do, for the person who asked (never holds secrets)
 */
public record ModelExportFailed(UUID eventId, Instant occurredAt, UUID exportId, UUID modelId, UUID projectId,
        String reason) implements ModelExportEvent {
}
