package dev.modelstore.storage.service;

import dev.modelstore.storage.ModelUsage;
import dev.modelstore.storage.repository.ModelUsageRepository;
import dev.modelstore.support.objectstore.ObjectStoreConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Compares the ledger with the object store: every stored model's files must add up to its
 * recorded size, and no model's files may be in the store without a ledger entry. Runs hourly
 * (differences are logged) and on demand for operators.
 */
@ApplicationScoped
public class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class);

    private final ModelUsageRepository usage;
    private final S3Client s3;
    private final String bucket;

    Reconciliation(ModelUsageRepository usage, S3Client s3, ObjectStoreConfig store) {
        this.usage = usage;
        this.s3 = s3;
        this.bucket = store.bucket();
    }

    /** One model whose bytes in the ledger and in the store differ. */
    public record Difference(UUID modelUuid, long ledgerSize, long storedSize, String problem) {
    }

    /** The outcome of one comparison. */
    public record Report(Instant checkedAt, int modelsInLedger, int modelsInStore, List<Difference> differences) {
    }

    /** Compares now. */
    @Transactional
    public Report run() {
        Map<UUID, Long> stored = new HashMap<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix("models/")).contents()) {
            String[] parts = object.key().split("/", 4);
            if (parts.length == 4 && parts[2].equals("files")) {
                try {
                    stored.merge(UUID.fromString(parts[1]), object.size(), Long::sum);
                } catch (IllegalArgumentException notAModel) {
                    // not a model's prefix
                }
            }
        }
        List<Difference> differences = new ArrayList<>();
        List<ModelUsage> ledger = usage.stored();
        for (ModelUsage row : ledger) {
            long inStore = stored.getOrDefault(row.modelId, 0L);
            if (!stored.containsKey(row.modelId)) {
                differences.add(new Difference(row.modelId, row.sizeBytes, 0, "missing from the object store"));
            } else if (inStore != row.sizeBytes) {
                differences.add(new Difference(row.modelId, row.sizeBytes, inStore, "size differs"));
            }
            stored.remove(row.modelId);
        }
        // Files of models not (yet) in the ledger: ingests under way, or objects left behind.
        stored.forEach((model, bytes) -> differences.add(new Difference(model, 0, bytes, "not in the ledger")));
        return new Report(Instant.now(), ledger.size(), ledger.size() + stored.size(), differences);
    }

    @Scheduled(every = "${modelstore.storage.reconcile-every:1h}", delayed = "5m")
    void scheduled() {
        Report report = run();
        if (report.differences().isEmpty()) {
            LOG.infof("reconciliation: ledger and object store agree on %d models", report.modelsInLedger());
        } else {
            LOG.warnf("reconciliation: %d differences: %s", report.differences().size(), report.differences());
        }
    }
}
