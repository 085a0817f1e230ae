package dev.modelstore.storage.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelstore.storage.ProjectUsageChange;
import dev.modelstore.storage.config.StorageConfig;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StorageBillTest {

    private static final StorageConfig CONFIG = new StorageConfig() {
        @Override
        public java.time.Duration reservationTtl() {
            return java.time.Duration.ofHours(13);
        }

        @Override
        public long maxModelBytes() {
            return 50_000_000_000L;
        }

        @Override
        public long freeAllowanceBytes() {
            return 50_000_000_000L;
        }

        @Override
        public double pricePerGbMonth() {
            return 0.05;
        }

        @Override
        public String currency() {
            return "USD";
        }

        @Override
        public double hoursPerMonth() {
            return 730;
        }

        @Override
        public long billingUnitBytes() {
            return 1_000_000;
        }
    };

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void onlyBytesAboveTheAllowanceCostAndOnlyForAsLongAsTheyAreKept() {
        // 60 GB for one day (10 GB billable), then 40 GB for a day (nothing billable), then 150 GB for 730 hours.
        List<ProjectUsageChange> history = List.of(change(0, 60_000_000_000L), change(24, 40_000_000_000L),
                change(48, 150_000_000_000L));
        StorageBill.Accrued accrued = StorageBill.accrued(history, T0.plusSeconds((48 + 730) * 3600L), CONFIG);
        double expectedGbHours = 10 * 24 + 100 * 730;
        assertEquals(expectedGbHours, accrued.gbHoursBillable(), 1e-6);
        assertEquals(expectedGbHours / 730 * 0.05, accrued.charges(), 1e-9);
    }

    @Test
    void aProjectUnderItsAllowanceAccruesNothing() {
        StorageBill.Accrued accrued = StorageBill.accrued(List.of(change(0, 49_000_000_000L)),
                T0.plusSeconds(10_000 * 3600L), CONFIG);
        assertEquals(0, accrued.charges(), 0);
    }

    private static ProjectUsageChange change(long hoursAfterStart, long billedBytes) {
        ProjectUsageChange change = new ProjectUsageChange();
        change.projectId = UUID.randomUUID();
        change.at = T0.plusSeconds(hoursAfterStart * 3600);
        change.billedBytes = billedBytes;
        change.usedBytes = billedBytes;
        return change;
    }
}
