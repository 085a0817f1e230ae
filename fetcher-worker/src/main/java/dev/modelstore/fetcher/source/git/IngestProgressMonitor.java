package dev.modelstore.fetcher.source.git;

import dev.modelstore.fetcher.store.ModelWriter;
import org.eclipse.jgit.lib.ProgressMonitor;

/**
 * JGit's progress, told to the ingest: objects received count as activity (so a fetch that makes
 * progress is not taken for a stalled source), and a stopped ingest cancels the fetch.
 */
final class IngestProgressMonitor implements ProgressMonitor {

    /** What one unit of JGit's work (an object, mostly) counts as, in bytes of progress. */
    private static final long UNIT = 1024;

    private final ModelWriter writer;

    IngestProgressMonitor(ModelWriter writer) {
        this.writer = writer;
    }

    @Override
    public void start(int totalTasks) {
    }

    @Override
    public void beginTask(String title, int totalWork) {
    }

    @Override
    public void update(int completed) {
        writer.activity(completed * UNIT);
    }

    @Override
    public void endTask() {
    }

    @Override
    public boolean isCancelled() {
        return writer.isAborted();
    }

    @Override
    public void showDuration(boolean enabled) {
    }
}
