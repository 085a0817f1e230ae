package dev.modelstore.jobs.executor;

import java.nio.file.Path;
import java.util.Map;

/**
 * Everything an executor needs to run one worker.
 *
 * @param workerFolder the worker's own working directory (holds its model copy and output folder)
 * @param command the shell command to run
 * @param environment the complete environment of the command (nothing is inherited from job-runner)
 */
public record WorkerLaunch(String name, Path workerFolder, String command, Map<String, String> environment) {

    public WorkerLaunch {
        environment = Map.copyOf(environment);
    }
}
