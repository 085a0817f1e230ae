package dev.modelstore.jobs.service;

import dev.modelstore.jobs.JobWorker;
import dev.modelstore.jobs.workspace.DiskUsage;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * {@code resources.disk_size} for running workers: each worker's folder (model copy, output, tmp) is
 * measured while it runs and when it ends; a worker over its size fails with a reason that names
 * both figures. (Each single file is also bounded by the sandbox's file-size limit.)
 */
@ApplicationScoped
public class DiskLimits {

    private static final Logger LOG = Logger.getLogger(DiskLimits.class);

    private record Limit(Path folder, int diskSizeGb) {
        long bytes() {
            return diskSizeGb * 1_000_000_000L;
        }
    }

    private final Map<JobWorker.Key, Limit> limits = new ConcurrentHashMap<>();
    private final Map<JobWorker.Key, String> failed = new ConcurrentHashMap<>();

    /** Starts measuring the worker's folder against its job's disk_size (GB). */
    void watch(JobWorker.Key worker, Path folder, int diskSizeGb) {
        limits.put(worker, new Limit(folder, diskSizeGb));
    }

    /** Stops measuring it. */
    void forget(JobWorker.Key worker) {
        limits.remove(worker);
        failed.remove(worker);
    }

    /** Remembers that the worker was stopped for going over (its folder may shrink as it is killed). */
    void markFailed(JobWorker.Key worker, String reason) {
        failed.put(worker, reason);
    }

    /** Why the worker was stopped for its disk use, if it was. */
    Optional<String> failedOver(JobWorker.Key worker) {
        return Optional.ofNullable(failed.get(worker));
    }

    /** Why the worker is over its disk_size, if it is (measured now). */
    Optional<String> overLimit(JobWorker.Key worker) {
        Limit limit = limits.get(worker);
        if (limit == null) {
            return Optional.empty();
        }
        long used;
        try {
            used = DiskUsage.of(limit.folder());
        } catch (IOException e) {
            LOG.debugf("could not measure %s: %s", limit.folder(), e.toString());
            return Optional.empty();
        }
        if (used <= limit.bytes()) {
            return Optional.empty();
        }
        return Optional.of("the worker's folder grew to " + DiskUsage.human(used) + ", more than its resources.disk_size of "
                + limit.diskSizeGb() + " GB, so the worker was stopped; ask for a larger disk_size");
    }
}
