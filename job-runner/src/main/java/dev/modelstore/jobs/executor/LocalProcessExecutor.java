package dev.modelstore.jobs.executor;

import dev.modelstore.jobs.config.JobRunnerConfig;
import dev.modelstore.jobs.sandbox.SandboxStatus;
import dev.modelstore.jobs.sandbox.WorkerSandbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * Runs each worker on this machine, through the {@link WorkerSandbox}: a small script in the
 * worker's control folder (outside the sandbox) starts the sandboxed command, writes its exit code to
 * {@code exit-code} so a worker that outlives a job-runner restart still reports it, and pipes its
 * output into {@code worker.log}, rotated to {@code worker.log.1} at
 * {@code modelstore.jobs.worker-log-max-bytes} with a line that says so.
 */
@ApplicationScoped
public class LocalProcessExecutor implements WorkerExecutor {

    private static final Logger LOG = Logger.getLogger(LocalProcessExecutor.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final WorkerSandbox sandbox;
    private final long logMaxBytes;

    @Inject
    LocalProcessExecutor(WorkerSandbox sandbox, JobRunnerConfig config) {
        this(sandbox, config.workerLogMaxBytes());
    }

    /** Runs workers through the sandbox, keeping at most about twice {@code logMaxBytes} of each one's output. */
    public LocalProcessExecutor(WorkerSandbox sandbox, long logMaxBytes) {
        this.sandbox = sandbox;
        this.logMaxBytes = Math.max(1024, logMaxBytes);
    }

    @Override
    public WorkerProcess start(WorkerLaunch launch) throws IOException {
        SandboxStatus status = sandbox.status();
        if (!status.usable()) {
            throw new IOException(status.description());
        }
        Path control = launch.controlFolder();
        Files.createDirectories(control);
        // Traversable by the worker's uid (bwrap binds files from here) but not listable.
        Files.setPosixFilePermissions(control, PosixFilePermissions.fromString("rwx--x--x"));
        Files.deleteIfExists(control.resolve("exit-code"));
        Files.writeString(control.resolve("run.sh"), script(launch), StandardCharsets.UTF_8);
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", control.resolve("run.sh").toString())
                .directory(control.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(control.resolve("runner.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        builder.environment().put("LANG", "C.UTF-8");
        Process process = builder.start();
        Instant started = process.info().startInstant().orElse(Instant.now());
        LOG.infof("worker %s started as process %d (%s)", launch.name(), process.pid(),
                status.sandboxed() ? "sandboxed" : "NOT sandboxed");
        return new LocalWorker(process.toHandle(), started,
                process.onExit().thenApply(ended -> readExitCode(control).orElse(-1)));
    }

    /** The script: the sandbox's lines, the exit code kept, the output into a rotating log. */
    private String script(WorkerLaunch launch) throws IOException {
        return "# Written by job-runner for worker '" + launch.name().replaceAll("[\\r\\n]", " ") + "'; runs outside its sandbox.\n"
                + "{\n" + sandbox.runLines(launch)
                + "echo $? > exit-code.tmp && mv -f exit-code.tmp exit-code\n"
                + "} < /dev/null 2>&1 | {\n"
                + "cap=" + logMaxBytes + "\n"
                + "while :; do\n"
                + "  size=$(stat -c %s worker.log 2>/dev/null || echo 0)\n"
                + "  room=$((cap - size)); [ $room -gt 0 ] || room=0\n"
                // unbuffered, so that the log shows output as it comes and loses none when the worker is stopped
                + "  [ $room -eq 0 ] || stdbuf -o0 head -c $room >> worker.log\n"
                + "  now=$(stat -c %s worker.log 2>/dev/null || echo 0)\n"
                + "  [ $((now - size)) -ge $room ] || break\n"
                + "  mv -f worker.log worker.log.1\n"
                + "  echo \"[modelstore] worker.log reached $cap bytes: the output before this line is in worker.log.1, "
                + "older output was discarded\" > worker.log\n"
                + "done\n"
                + "}\n";
    }

    @Override
    public Optional<WorkerProcess> reattach(WorkerLaunch launch, long pid, Instant started) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().startInstant().map(s -> sameSecond(s, started)).orElse(false))
                .map(handle -> new LocalWorker(handle, started,
                        handle.onExit().thenApply(ended -> readExitCode(launch.controlFolder()).orElse(-1))));
    }

    @Override
    public Optional<Integer> recordedExitCode(WorkerLaunch launch) {
        return readExitCode(launch.controlFolder());
    }

    private static boolean sameSecond(Instant a, Instant b) {
        return Math.abs(a.getEpochSecond() - b.getEpochSecond()) <= 1;
    }

    private static Optional<Integer> readExitCode(Path control) {
        try {
            return Optional.of(Integer.parseInt(Files.readString(control.resolve("exit-code")).trim()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            LOG.warnf("cannot read the exit code of the worker in %s: %s", control, e.toString());
            return Optional.empty();
        }
    }

    /** A local worker process and the processes it started. */
    private static final class LocalWorker implements WorkerProcess {
        private final ProcessHandle handle;
        private final Instant started;
        private final CompletableFuture<Integer> exit;

        LocalWorker(ProcessHandle handle, Instant started, CompletableFuture<Integer> exit) {
            this.handle = handle;
            this.started = started;
            this.exit = exit;
        }

        @Override
        public long pid() {
            return handle.pid();
        }

        @Override
        public Instant started() {
            return started;
        }

        @Override
        public CompletionStage<Integer> exit() {
            return exit;
        }

        @Override
        public void pause() {
            // SIGSTOP until no process is left running: one that forked meanwhile is caught in the next round.
            java.util.Set<Long> stopped = new java.util.HashSet<>();
            for (int round = 0; round < 20; round++) {
                List<Long> fresh = handle.descendants().map(ProcessHandle::pid).filter(pid -> !stopped.contains(pid)).toList();
                if (fresh.isEmpty()) {
                    return;
                }
                signal("-STOP", fresh);
                stopped.addAll(fresh);
            }
            LOG.warnf("worker process %d kept starting processes while it was being paused", handle.pid());
        }

        @Override
        public void resume() {
            signal("-CONT", handle.descendants().map(ProcessHandle::pid).toList());
        }

        private static void signal(String signal, List<Long> pids) {
            if (pids.isEmpty()) {
                return;
            }
            List<String> command = new java.util.ArrayList<>(List.of("kill", signal));
            pids.forEach(pid -> command.add(String.valueOf(pid)));
            try {
                Process kill = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (IOException e) {
                LOG.warnf("could not send %s to worker processes %s: %s", signal, pids, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void stop() {
            // TERM to everything first (the command may clean up), then KILL; a sandbox's pid namespace
            // ends with its first process, taking along whatever the command left running.
            var tree = handle.descendants().toList();
            tree.forEach(ProcessHandle::destroy);
            handle.destroy();
            long deadline = System.nanoTime() + STOP_GRACE.toNanos();
            while (System.nanoTime() < deadline && (handle.isAlive() || tree.stream().anyMatch(ProcessHandle::isAlive))) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            tree.forEach(ProcessHandle::destroyForcibly);
            handle.descendants().forEach(ProcessHandle::destroyForcibly);
            handle.destroyForcibly();
        }
    }
}
