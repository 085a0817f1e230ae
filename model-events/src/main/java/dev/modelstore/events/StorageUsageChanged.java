package dev.modelstore.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A project's stored bytes changed (a model became ready or was deleted). For ops dashboards;
 * keyed by project.
 *
 * @param modelId the model whose change moved the total
 * @param deltaBytes how the project's total moved (negative when a model left)
 * @param usedBytes the project's total after the change
 * @param billableBytes the part of {@code usedBytes} above the free allowance
 */
public record StorageUsageChanged(
        UUID eventId,
        Instant occurredAt,
        UUID projectId,
        UUID modelId,
        long deltaBytes,
        long usedBytes,
        long billableBytes,
        long modelCount)
        implements ModelstoreEvent {

    @Override
    public String key() {
        return projectId.toString();
    }
}
