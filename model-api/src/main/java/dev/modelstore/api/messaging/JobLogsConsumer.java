package dev.modelstore.api.messaging;

import dev.modelstore.api.logs.JobLogRepository;
import dev.modelstore.events.JobLogLines;
import dev.modelstore.support.inbox.IncomingEvents;
import dev.modelstore.support.inbox.ProcessedEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the lines job-runner ships ({@link JobLogLines}) for the live log stream, once per event. */
@ApplicationScoped
public class JobLogsConsumer {

    private static final String CONSUMER = "model-api.job-logs";

    private final ProcessedEvents processed;
    private final JobLogRepository log;

    JobLogsConsumer(ProcessedEvents processed, JobLogRepository log) {
        this.processed = processed;
        this.log = log;
    }

    @Incoming("job-logs")
    @Blocking
    public void onJobLogLines(String payload) {
        if (IncomingEvents.decode(payload).orElse(null) instanceof JobLogLines lines) {
            processed.applyOnce(CONSUMER, lines, () -> log.append(lines));
        }
    }
}
