package dev.modelstore.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Every file of the model is stored; the model is {@code ready}. The per-file SHA-256 manifest is an
 * object in the store (too large for an event when a model has many files).
 *
 * @param sizeBytes total bytes of the model's files
 * @param manifestKey object key of the manifest JSON in the model store's bucket
 * @param manifestSha256 SHA-256 of the manifest object, so readers can tell it is the one announced
 * @param notes what the ingest left out and why (a FIFO or device entry of an archive), for the
 *     model's log; empty when nothing was left out
 */
public record ModelIngestCompleted(
        UUID eventId,
        Instant occurredAt,
        UUID modelId,
        UUID projectId,
        long sizeBytes,
        long fileCount,
        String manifestKey,
        String manifestSha256,
        List<String> notes)
        implements ModelIngestEvent {

    public ModelIngestCompleted {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** A completed ingest that left nothing out. */
    public ModelIngestCompleted(UUID eventId, Instant occurredAt, UUID modelId, UUID projectId, long sizeBytes,
            long fileCount, String manifestKey, String manifestSha256) {
        this(eventId, occurredAt, modelId, projectId, sizeBytes, fileCount, manifestKey, manifestSha256, List.of());
    }
}
