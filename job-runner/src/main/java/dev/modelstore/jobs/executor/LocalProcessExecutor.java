package dev.modelstore.jobs.executor;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs each worker as a local process: {@code /bin/sh} runs the command from a script in the
 * worker's folder, with only the environment it is given, its output appended to
 * {@code .modelstore/worker.log}. A small wrapper writes the exit code to
 * {@code .modelstore/exit-code}, so a worker that outlives a job-runner restart still reports it.
 */
@ApplicationScoped
public class LocalProcessExecutor implements WorkerExecutor {

    private static final Logger LOG = Logger.getLogger(LocalProcessExecutor.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    /** The folder, inside a worker's folder, that holds its script, log and exit code. */
    public static Path controlFolder(Path workerFolder) {
        return workerFolder.resolve(".modelstore");
    }

    /** The worker's combined output. */
    public static Path logFile(Path workerFolder) {
        return controlFolder(workerFolder).resolve("worker.log");
    }

    @Override
    public WorkerProcess start(WorkerLaunch launch) throws IOException {
        Path control = controlFolder(launch.workerFolder());
        Files.createDirectories(control);
        Files.deleteIfExists(control.resolve("exit-code"));
        Files.writeString(control.resolve("command.sh"), launch.command() + "\n", StandardCharsets.UTF_8);
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c",
                "/bin/sh .modelstore/command.sh; code=$?; echo $code > .modelstore/exit-code.tmp && "
                        + "mv .modelstore/exit-code.tmp .modelstore/exit-code; exit $code")
                .directory(launch.workerFolder().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(launch.workerFolder()).toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(launch.environment());
        Process process = builder.start();
        Instant started = process.info().startInstant().orElse(Instant.now());
        LOG.infof("worker %s started as process %d", launch.name(), process.pid());
        return new LocalWorker(process.toHandle(), started, launch.workerFolder(),
                process.onExit().thenApply(Process::exitValue));
    }

    @Override
    public Optional<WorkerProcess> reattach(WorkerLaunch launch, long pid, Instant started) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().startInstant().map(s -> sameSecond(s, started)).orElse(false))
                .map(handle -> new LocalWorker(handle, started, launch.workerFolder(),
                        handle.onExit().thenApply(ended -> readExitCode(launch.workerFolder()).orElse(-1))));
    }

    @Override
    public Optional<Integer> recordedExitCode(WorkerLaunch launch) {
        return readExitCode(launch.workerFolder());
    }

    private static boolean sameSecond(Instant a, Instant b) {
        return Math.abs(a.getEpochSecond() - b.getEpochSecond()) <= 1;
    }

    private static Optional<Integer> readExitCode(Path workerFolder) {
        try {
            return Optional.of(Integer.parseInt(Files.readString(controlFolder(workerFolder).resolve("exit-code")).trim()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            LOG.warnf("cannot read the exit code of the worker in %s: %s", workerFolder, e.toString());
            return Optional.empty();
        }
    }

    /** A local worker process and the processes it started. */
    private static final class LocalWorker implements WorkerProcess {
        private final ProcessHandle handle;
        private final Instant started;
        private final CompletableFuture<Integer> exit;

        LocalWorker(ProcessHandle handle, Instant started, Path folder, CompletableFuture<Integer> exit) {
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
        public void stop() {
            var tree = handle.descendants().toList();
            tree.forEach(ProcessHandle::destroy);
            handle.destroy();
            try {
                handle.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.debugf("worker process %d did not end within %s: killing it", handle.pid(), STOP_GRACE);
            }
            tree.forEach(ProcessHandle::destroyForcibly);
            handle.destroyForcibly();
        }
    }
}
