package dev.modelstore.fetcher.service;

import dev.modelstore.events.SourceType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ingest metrics at {@code /q/metrics}: bytes stored ({@code modelstore_ingest_bytes_total}, whose
 * rate is ingest bytes/s), ingest durations by source type and outcome, and ingests running now.
 */
@ApplicationScoped
public class IngestMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger running = new AtomicInteger();

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("modelstore.ingests.running", running);
    }

    void started() {
        running.incrementAndGet();
    }

    void ended() {
        running.decrementAndGet();
    }

    void finished(SourceType type, String outcome, long bytes, long nanos) {
        Timer.builder("modelstore.ingest.duration").tag("source_type", type.wireName()).tag("outcome", outcome)
                .register(registry).record(Duration.ofNanos(nanos));
        Counter.builder("modelstore.ingest.bytes").tag("source_type", type.wireName()).register(registry).increment(bytes);
    }
}
