package dev.modelstore.jobs.executor;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs job workers. The local-process executor runs them on this machine; a Kubernetes executor
 * would run each as a pod with the same folder mounted. Executors keep no state of their own that
 * a restart would lose: {@link #reattach} finds a worker again from what job-runner stored.
 */
public interface WorkerExecutor {

    /** Starts the worker's command. */
    WorkerProcess start(WorkerLaunch launch) throws IOException;

    /**
     * The worker started earlier with this pid and start time, if it still runs; its exit code is then
     * read from what it leaves in its folder.
     */
    Optional<WorkerProcess> reattach(WorkerLaunch launch, long pid, Instant started);

    /** The exit code a worker that ended while nobody watched left behind, if any. */
    Optional<Integer> recordedExitCode(WorkerLaunch launch);
}
