package dev.modelstore.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The ingest failed and left no objects behind; the model is {@code failed}.
 *
 * @param reason what went wrong, written for the person who created the model (never holds secrets)
 */
public record ModelIngestFailed(UUID eventId, Instant occurredAt, UUID modelId, UUID projectId, String reason)
        implements ModelIngestEvent {
}
