package dev.modelstore.jobs.executor;

import java.time.Instant;
import java.util.concurrent.CompletionStage;

/** A running worker, as its executor sees it. */
public interface WorkerProcess {

    /** The id an executor finds the worker by again after job-runner restarts (a pid, a pod name). */
    long pid();

    /** When the process started; with {@link #pid()} it tells the worker apart from a later process with its pid. */
    Instant started();

    /** Completes with the command's exit code when the worker ends (-1 when it was killed before it could say). */
    CompletionStage<Integer> exit();

    /** Asks the worker to end (TERM, then KILL after a grace period), including every process it started. */
    void stop();

    /**
     * Freezes every process of the worker (a running notebook whose folder is being saved), so that
     * nothing in its folder changes, and no path is swapped for a link, while job-runner reads it.
     */
    default void pause() {
    }

    /** Lets a paused worker go on. */
    default void resume() {
    }
}
