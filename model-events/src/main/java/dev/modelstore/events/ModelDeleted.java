package dev.modelstore.events;

import java.time.Instant;
import java.util.UUID;

/** A model was deleted; its objects are to be removed and its size leaves the project's total. */
public record ModelDeleted(UUID eventId, Instant occurredAt, UUID modelId, UUID projectId) implements ModelstoreEvent {

    @Override
    public String key() {
        return modelId.toString();
    }
}
