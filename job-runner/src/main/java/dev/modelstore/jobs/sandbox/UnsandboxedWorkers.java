package dev.modelstore.jobs.sandbox;

import dev.modelstore.jobs.executor.WorkerLaunch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code modelstore.jobs.sandbox.mode=none}: the worker's command runs as a plain process of
 * job-runner's user, with only its own environment. It can read whatever job-runner can; only an
 * operator who trusts every job's code chooses it, and health and log say so.
 */
public class UnsandboxedWorkers implements WorkerSandbox {

    static final String DESCRIPTION = "workers are NOT sandboxed (modelstore.jobs.sandbox.mode=none, an operator's "
            + "choice): job code runs as job-runner's own user and can read its files and secrets";

    @Override
    public void handOver(Path workerFolder) {
        // the worker runs as job-runner's user, who owns the folder already
    }

    @Override
    public String runLines(WorkerLaunch launch) throws IOException {
        Path control = launch.controlFolder();
        Files.writeString(control.resolve("command.sh"), launch.command() + "\n", StandardCharsets.UTF_8);
        StringBuilder env = new StringBuilder();
        for (Map.Entry<String, String> variable : launch.environment().entrySet()) {
            env.append("export ").append(variable.getKey()).append('=').append(ShellWords.quote(variable.getValue()))
                    .append('\n');
        }
        Files.writeString(control.resolve("env.sh"), env, StandardCharsets.UTF_8);
        return "cd " + ShellWords.quote(launch.workerFolder().toString()) + " && env -i /bin/sh -c '. \"$1\"; exec /bin/sh \"$2\"' sh "
                + ShellWords.quote(control.resolve("env.sh").toString()) + " "
                + ShellWords.quote(control.resolve("command.sh").toString()) + "\n";
    }

    @Override
    public SandboxStatus status() {
        return new SandboxStatus(true, false, DESCRIPTION);
    }
}
