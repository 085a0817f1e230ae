package dev.modelstore.api.service;

import dev.modelstore.api.ModelStatus;
import dev.modelstore.api.repository.ModelRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** {@code modelstore_models{status=…}} at {@code /q/metrics}: models by status, counted every 15 seconds. */
@ApplicationScoped
public class ModelMetrics {

    private final ModelRepository models;
    private final Map<ModelStatus, AtomicLong> counts = new EnumMap<>(ModelStatus.class);

    ModelMetrics(ModelRepository models, MeterRegistry registry) {
        this.models = models;
        for (ModelStatus status : ModelStatus.values()) {
            AtomicLong count = new AtomicLong();
            counts.put(status, count);
            registry.gauge("modelstore.models", io.micrometer.core.instrument.Tags.of("status", status.wireName()), count);
        }
    }

    /** Counted every {@code modelstore.metrics.count-interval} (15 s): a query per status, not one per scrape. */
    @Scheduled(every = "${modelstore.metrics.count-interval:15s}", delayed = "5s")
    @Transactional
    void count() {
        for (ModelStatus status : ModelStatus.values()) {
            counts.get(status).set(models.count("status", status));
        }
    }
}
