package dev.modelstore.fetcher.service;

import dev.modelstore.fetcher.store.ObjectStoreModelWriter;
import java.time.Duration;
import org.jboss.logging.Logger;

/** Passes progress on at most once per interval (from any thread); a failure to report never stops the ingest. */
final class ProgressThrottle implements ObjectStoreModelWriter.ProgressListener {

    private static final Logger LOG = Logger.getLogger(ProgressThrottle.class);

    private final long intervalNanos;
    private final ObjectStoreModelWriter.ProgressListener target;
    private long last = System.nanoTime();

    ProgressThrottle(Duration interval, ObjectStoreModelWriter.ProgressListener target) {
        this.intervalNanos = interval.toNanos();
        this.target = target;
    }

    @Override
    public void progressed(long bytes, long files) {
        long now = System.nanoTime();
        synchronized (this) {
            if (now - last < intervalNanos) {
                return;
            }
            last = now;
        }
        try {
            target.progressed(bytes, files);
        } catch (RuntimeException e) {
            LOG.warnf("could not report ingest progress: %s", e.toString());
        }
    }
}
