package dev.modelstore.jobs.executor;

import java.nio.file.Path;
import java.util.Map;

/**
 * Everything an executor needs to run one worker.
 *
 * @param workerFolder the worker's own working directory, the only host folder it may write (its model
 *     copy, output folder and private {@code tmp/})
 * @param controlFolder job-runner's files for the worker (script, log, exit code), never visible to it
 * @param command the shell command to run
 * @param environment the complete environment of the command (nothing is inherited from job-runner)
 * @param diskBytes the most bytes the worker's folder may hold ({@code resources.disk_size})
 */
public record WorkerLaunch(String name, Path workerFolder, Path controlFolder, String command,
        Map<String, String> environment, long diskBytes) {

    public WorkerLaunch {
        environment = Map.copyOf(environment);
    }

    /** The worker's combined output, as job-runner keeps it. */
    public Path logFile() {
        return controlFolder.resolve("worker.log");
    }
}
