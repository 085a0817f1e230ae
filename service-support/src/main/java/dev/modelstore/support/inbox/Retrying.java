package dev.modelstore.support.inbox;

import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Applies an event with retries, so a passing fault (the database restarting, a lock timeout)
 * does not stop a consumer for good: up to about a minute of backoff, keeping the partition's
 * order. Applying is idempotent (the inbox), so a retry after a partial attempt is safe. What
 * still fails is thrown, and the channel stops and reports unhealthy, rather than skipping the event.
 */
public final class Retrying {

    private static final Logger LOG = Logger.getLogger(Retrying.class);
    /** How often an event is tried before its failure is thrown. */
    static final int ATTEMPTS = 8;

    private Retrying() {
    }

    /** Runs {@code apply}, retrying runtime failures with exponential backoff (0.25 s doubling to 8 s). */
    public static void apply(String what, Runnable apply) {
        apply(what, apply, Duration.ofMillis(250));
    }

    /** {@link #apply(String, Runnable)} with another first backoff (tests). */
    static void apply(String what, Runnable apply, Duration firstBackoff) {
        long backoff = firstBackoff.toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                apply.run();
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.warnf("applying %s failed (attempt %d of %d), retrying in %d ms: %s", what, attempt, ATTEMPTS,
                        backoff, e.toString());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(backoff * 2, 8_000);
            }
        }
    }
}
