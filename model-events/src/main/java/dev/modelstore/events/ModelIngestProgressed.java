package dev.modelstore.events;

import java.time.Instant;
import java.util.UUID;

/** How far a running ingest has got: bytes stored and files completed so far. */
public record ModelIngestProgressed(UUID eventId, Instant occurredAt, UUID modelId, UUID projectId, long bytes, long files)
        implements ModelIngestEvent {
}
