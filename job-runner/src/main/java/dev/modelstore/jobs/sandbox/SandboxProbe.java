package dev.modelstore.jobs.sandbox;

import dev.modelstore.jobs.executor.WorkerLaunch;
import dev.modelstore.jobs.workspace.WorkerFolders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one throw-away worker through the sandbox: it must start, write its own folder, run as the
 * expected uid and see no host process. Its verdict is the sandbox's {@link SandboxStatus}.
 */
final class SandboxProbe {

    private static final long TIMEOUT_SECONDS = 30;

    private final BubblewrapSandbox sandbox;
    private final Path scratch;

    SandboxProbe(BubblewrapSandbox sandbox, Path scratch) {
        this.sandbox = sandbox;
        this.scratch = scratch;
    }

    SandboxStatus run(Optional<String> missingTool) {
        if (missingTool.isPresent()) {
            return unusable(missingTool.get());
        }
        Path worker = scratch.resolve("worker");
        Path control = scratch.resolve("control");
        try {
            WorkerFolders.deleteTree(scratch);
            Files.createDirectories(worker.resolve("tmp"));
            Files.createDirectories(control);
            sandbox.handOver(worker);
            // job-runner's own process must not be visible: the worker has a pid namespace of its own
            String check = "touch probe && touch /tmp/probe && test ! -d /proc/" + ProcessHandle.current().pid()
                    + (sandbox.expectsUnprivilegedUid() ? " && test \"$(id -u)\" = " + sandbox.workerUid() : "");
            WorkerLaunch launch = new WorkerLaunch("sandbox probe", worker, control, check, Map.of("PATH", "/usr/bin:/bin"),
                    1_000_000_000L);
            String lines = sandbox.runLines(launch);
            Process process = new ProcessBuilder("/bin/sh", "-c", lines).directory(control.toFile())
                    .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(control.resolve("probe.log").toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return unusable("a test worker did not end within " + TIMEOUT_SECONDS + " s");
            }
            String output = tail(control.resolve("probe.log"));
            if (process.exitValue() != 0) {
                return unusable("a test worker failed (exit code " + process.exitValue() + "): " + output);
            }
            return new SandboxStatus(true, true, sandbox.describe());
        } catch (IOException e) {
            return unusable("a test worker could not be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unusable("interrupted while trying the sandbox");
        } finally {
            try {
                WorkerFolders.deleteTree(scratch);
            } catch (IOException e) {
                // a scratch folder left behind is removed by the next probe
            }
        }
    }

    private static SandboxStatus unusable(String why) {
        return new SandboxStatus(false, true, "workers are refused: job-runner cannot sandbox them on this host ("
                + why + "); install bubblewrap, or let an operator choose modelstore.jobs.sandbox.mode=none "
                + "(unsandboxed) explicitly");
    }

    private static String tail(Path log) throws IOException {
        String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        text = text.strip();
        return text.length() > 400 ? "…" + text.substring(text.length() - 400) : text;
    }
}
