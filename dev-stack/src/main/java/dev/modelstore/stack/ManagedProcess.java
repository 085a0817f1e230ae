package dev.modelstore.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A server the stack runs as a child process, with its output in a log file; stopped with SIGTERM, then killed. */
public final class ManagedProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts the command with extra environment variables, its output appended to {@code log}. */
    public static ManagedProcess start(String name, List<String> command, Map<String, String> environment, Path workDir,
            Path log) throws IOException {
        Files.createDirectories(log.getParent());
        Files.createDirectories(workDir);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        return new ManagedProcess(name, builder.start(), log);
    }

    /** Waits until {@code ready} holds, failing early (with the log's tail) if the process dies. */
    public void awaitReady(BooleanSupplier ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; last log lines:\n"
                        + tail());
            }
            if (ready.getAsBoolean()) {
                return;
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " was not ready after " + timeout.toSeconds() + " s; last log lines:\n" + tail());
    }

    /** The operating system's process id. */
    public long pid() {
        return process.pid();
    }

    /** The process's name in the stack. */
    public String name() {
        return name;
    }

    /** Whether it still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of its log, for error messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Kills the process at once, as a crash would. */
    public void kill() {
        process.destroyForcibly();
        waitQuietly(10);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (!waitQuietly(20)) {
                process.destroyForcibly();
                waitQuietly(10);
            }
        }
    }

    private boolean waitQuietly(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
