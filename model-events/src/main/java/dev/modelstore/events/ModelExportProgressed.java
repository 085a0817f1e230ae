package dev.modelstore.events;

import java.time.Instant;
import java.util.UUID;

/**
 * How far an export has got; sent every few seconds while it runs.
 *
 * @param bytes bytes written to the target so far
 * @param files files written so far
 * @param totalBytes the bytes the export writes in all
 * @param totalFiles the files the export writes in all
 */
public record ModelExportProgressed(UUID eventId, Instant occurredAt, UUID exportId, UUID modelId, UUID projectId,
        long bytes, long files, long totalBytes, long totalFiles) implements ModelExportEvent {
}
