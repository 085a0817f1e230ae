package dev.modelstore.jobs.sandbox;

import dev.modelstore.jobs.executor.WorkerLaunch;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Isolates job workers. The executor runs the lines {@link #runLines} gives in the worker's control
 * folder, outside any sandbox; they run the worker's command with its environment, in its folder,
 * and end with the command's exit status. One implementation per {@link SandboxMode}.
 */
public interface WorkerSandbox {

    /** Gives the worker's folder (model copy, output, tmp) to the user the worker runs as. */
    void handOver(Path workerFolder) throws IOException;

    /** Writes what the worker needs into its control folder and returns the shell lines that run it. */
    String runLines(WorkerLaunch launch) throws IOException;

    /** Whether workers can be started now, and how they are isolated. */
    SandboxStatus status();
}
