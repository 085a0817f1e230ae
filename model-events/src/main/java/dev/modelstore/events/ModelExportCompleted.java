package dev.modelstore.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Every file of the model is at the target, each checked against the manifest's SHA-256 as it was
 * written; the model is {@code ready} again.
 *
 * @param bytes the bytes written
 * @param files the files written
 * @param note what the person who asked should know (links an object store cannot hold), or null
 */
public record ModelExportCompleted(UUID eventId, Instant occurredAt, UUID exportId, UUID modelId, UUID projectId,
        long bytes, long files, String note) implements ModelExportEvent {
}
