package dev.modelstore.storage.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.modelstore.storage.ModelUsage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The JSON answers of the storage API. */
public final class StorageViews {

    private StorageViews() {
    }

    /** One model's stored and billed bytes. */
    public record ModelStorage(@JsonProperty("model_uuid") UUID modelUuid, @JsonProperty("project_uuid") UUID projectUuid,
            long size, @JsonProperty("billed_size") long billedSize, @JsonProperty("file_count") long fileCount,
            Instant storedAt, Instant updatedAt) {

        static ModelStorage of(ModelUsage row) {
            return new ModelStorage(row.modelId, row.projectId, row.sizeBytes, row.billedBytes, row.fileCount, row.storedAt,
                    row.updatedAt);
        }
    }

    /** A project's storage: what it uses, what is free, what is billed, and what it has cost so far. */
    public record ProjectStorage(
            @JsonProperty("project_uuid") UUID projectUuid,
            @JsonProperty("used_size") long usedSize,
            @JsonProperty("billed_size") long billedSize,
            @JsonProperty("free_allowance") long freeAllowance,
            @JsonProperty("billable_size") long billableSize,
            @JsonProperty("model_count") long modelCount,
            @JsonProperty("price_per_gb_month") double pricePerGbMonth,
            String currency,
            @JsonProperty("billable_gb_hours") double billableGbHours,
            @JsonProperty("accrued_charges") double accruedCharges,
            Instant since,
            @JsonProperty("top_models") List<ModelStorage> topModels) {
    }

    /** Totals over every project, for operators. */
    public record Summary(long projects, @JsonProperty("used_size") long usedSize,
            @JsonProperty("billed_size") long billedSize, @JsonProperty("model_count") long modelCount,
            @JsonProperty("largest_models") List<ModelStorage> largestModels) {
    }
}
