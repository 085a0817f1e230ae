package dev.modelstore.jobs.logs;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Every second, ships the new output of every job whose live log is open ({@link LogShipping}); a
 * job whose log cannot be read is skipped this round and never holds up the others.
 */
@ApplicationScoped
public class WorkerLogShipper {

    private static final Logger LOG = Logger.getLogger(WorkerLogShipper.class);

    private final LogShipping shipping;

    WorkerLogShipper(LogShipping shipping) {
        this.shipping = shipping;
    }

    @Scheduled(every = "${modelstore.jobs.log-ship-interval:1s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void round() {
        for (UUID jobId : shipping.open()) {
            try {
                shipping.ship(jobId);
            } catch (Exception e) {
                LOG.warnf("the live log of job %s could not be shipped this round: %s", jobId, e.toString());
            }
        }
    }
}
