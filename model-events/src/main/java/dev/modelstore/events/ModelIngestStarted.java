package dev.modelstore.events;

import java.time.Instant;
import java.util.UUID;

/** A fetcher took a model's request and began downloading it; the model is now {@code downloading}. */
public record ModelIngestStarted(UUID eventId, Instant occurredAt, UUID modelId, UUID projectId, String worker)
        implements ModelIngestEvent {
}
