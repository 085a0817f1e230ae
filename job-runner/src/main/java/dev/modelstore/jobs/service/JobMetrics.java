package dev.modelstore.jobs.service;

import dev.modelstore.jobs.JobStatus;
import dev.modelstore.jobs.repository.JobRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** {@code modelstore_jobs{status=…}} at {@code /q/metrics}: jobs by status (removed ones left out), counted every 15 s. */
@ApplicationScoped
public class JobMetrics {

    private final JobRepository jobs;
    private final Map<JobStatus, AtomicLong> counts = new EnumMap<>(JobStatus.class);

    JobMetrics(JobRepository jobs, MeterRegistry registry) {
        this.jobs = jobs;
        for (JobStatus status : JobStatus.values()) {
            if (status != JobStatus.REMOVED) {
                AtomicLong count = new AtomicLong();
                counts.put(status, count);
                registry.gauge("modelstore.jobs", Tags.of("status", status.wireName()), count);
            }
        }
    }

    /** Counted every {@code modelstore.metrics.count-interval} (15 s): a query per status, not one per scrape. */
    @Scheduled(every = "${modelstore.metrics.count-interval:15s}", delayed = "5s")
    @Transactional
    void count() {
        counts.forEach((status, count) -> count.set(jobs.count("status", status)));
    }
}
