package dev.modelstore.fetcher.upload;

import dev.modelstore.fetcher.config.FetcherConfig;
import dev.modelstore.support.objectstore.ModelObjects;
import dev.modelstore.support.objectstore.ModelStorageLayout;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Removes the chunks of uploads that stopped: an upload that sent nothing for
 * {@code modelstore.fetcher.uploads.abandoned-after} (7 days by default) loses its chunks and starts
 * over at offset 0; its model keeps waiting, so connecting again uploads it anew. Runs on every
 * fetcher; the upload row's lock makes each clean-up happen once.
 */
@ApplicationScoped
public class AbandonedUploads {

    private static final Logger LOG = Logger.getLogger(AbandonedUploads.class);

    private final UploadRegistry registry;
    private final ModelObjects objects;
    private final Duration abandonedAfter;

    AbandonedUploads(UploadRegistry registry, ModelObjects objects, FetcherConfig config) {
        this.registry = registry;
        this.objects = objects;
        this.abandonedAfter = config.uploads().abandonedAfter();
    }

    @Scheduled(every = "${modelstore.fetcher.uploads.cleanup-interval:10m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void clean() {
        Instant silentSince = Instant.now().minus(abandonedAfter);
        for (UUID modelId : registry.abandoned(silentSince)) {
            if (!registry.reset(modelId, silentSince)) {
                continue;
            }
            try {
                objects.deleteAll(ModelStorageLayout.modelPrefix(modelId) + "upload/");
                LOG.infof("the upload of local model %s sent nothing for %s: its chunks were removed; it starts over",
                        modelId, abandonedAfter);
            } finally {
                registry.releaseFinalize(modelId);
            }
        }
    }
}
