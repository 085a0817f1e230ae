package dev.modelstore.storage.service;

import dev.modelstore.storage.ProjectUsageChange;
import dev.modelstore.storage.config.StorageConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Charges from a project's usage history: for each period between changes, the billed bytes above
 * the free allowance, times the hours it lasted, at the price per GB-month. A model kept a day
 * costs a day.
 */
public final class StorageBill {

    private StorageBill() {
    }

    /** What a project has accrued until {@code now}. */
    public record Accrued(double gbHoursBillable, double charges) {
    }

    /** The charges of the history up to {@code now}. */
    public static Accrued accrued(List<ProjectUsageChange> history, Instant now, StorageConfig config) {
        double billableByteHours = 0;
        for (int i = 0; i < history.size(); i++) {
            ProjectUsageChange change = history.get(i);
            Instant end = i + 1 < history.size() ? history.get(i + 1).at : now;
            double hours = Math.max(0, Duration.between(change.at, end).toNanos()) / 3.6e12;
            billableByteHours += Math.max(0, change.billedBytes - config.freeAllowanceBytes()) * hours;
        }
        double gbHours = billableByteHours / 1e9;
        return new Accrued(gbHours, gbHours / config.hoursPerMonth() * config.pricePerGbMonth());
    }
}
