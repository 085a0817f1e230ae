package dev.modelstore.api.logs;

import dev.modelstore.api.config.ModelApiConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Removes jobs' live-log lines older than {@code modelstore.api.log-streams.job-log-retention}, every hour. */
@ApplicationScoped
public class JobLogRetention {

    private final JobLogRepository log;
    private final ModelApiConfig config;

    JobLogRetention(JobLogRepository log, ModelApiConfig config) {
        this.log = log;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void expire() {
        log.deleteBefore(Instant.now().minus(config.logStreams().jobLogRetention()));
    }
}
