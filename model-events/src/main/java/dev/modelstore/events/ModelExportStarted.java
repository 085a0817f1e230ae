package dev.modelstore.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A fetcher took the export (again, after a fetcher that ran it stopped); for {@code local}, the
 * export sender now waits for the user's client.
 *
 * @param worker the fetcher instance that runs it
 */
public record ModelExportStarted(UUID eventId, Instant occurredAt, UUID exportId, UUID modelId, UUID projectId,
        String worker) implements ModelExportEvent {
}
