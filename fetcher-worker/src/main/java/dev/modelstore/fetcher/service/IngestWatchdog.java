package dev.modelstore.fetcher.service;

import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.config.FetcherConfig;
import dev.modelstore.fetcher.store.ObjectStoreModelWriter;
import dev.modelstore.fetcher.store.Sizes;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Ends ingests that would otherwise hold a slot forever: one past its deadline
 * ({@code modelstore.fetcher.ingests.max-duration}), and one whose source delivered fewer than
 * {@code min-throughput-bytes} in the last {@code min-throughput-window}. Each fails with a reason
 * that says which rule it broke; its transfer is aborted at once.
 */
@ApplicationScoped
public class IngestWatchdog {

    private static final Logger LOG = Logger.getLogger(IngestWatchdog.class);
    private static final long TICK_MILLIS = 1_000;

    private final RunningIngests running;
    private final FetcherConfig.Ingests rules;
    private final Map<UUID, long[]> samples = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    IngestWatchdog(RunningIngests running, FetcherConfig config) {
        this.running = running;
        this.rules = config.ingests();
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ingest-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::check, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** One round over the running ingests. */
    void check() {
        long now = System.nanoTime();
        int window = (int) Math.max(1, rules.minThroughputWindow().toMillis() / TICK_MILLIS);
        samples.keySet().removeIf(id -> running.all().stream().noneMatch(r -> r.modelId.equals(id)));
        for (RunningIngests.Running ingest : running.all()) {
            ObjectStoreModelWriter writer = ingest.writer;
            if (writer == null || writer.isAborted()) {
                continue;
            }
            Duration elapsed = Duration.ofNanos(now - ingest.startedNanos);
            if (elapsed.compareTo(rules.maxDuration()) > 0) {
                stop(ingest, writer, "the download ran longer than " + human(rules.maxDuration())
                        + " (modelstore.fetcher.ingests.max-duration) and was stopped; a source this slow cannot be a model "
                        + "here, or ask the operator for a longer deadline");
                continue;
            }
            // A ring of the progress counter, one sample a tick, the oldest one window ago.
            long[] ring = samples.computeIfAbsent(ingest.modelId, id -> new long[window + 2]);
            long ticks = ++ring[ring.length - 1];
            int slot = (int) (ticks % (window + 1));
            long progress = writer.progress();
            long windowAgo = ring[slot];
            ring[slot] = progress;
            if (ticks > window && progress - windowAgo < rules.minThroughputBytes()) {
                stop(ingest, writer, "the source delivered only " + Sizes.human(progress - windowAgo) + " in the last "
                        + human(rules.minThroughputWindow()) + ", less than the minimum of "
                        + Sizes.human(rules.minThroughputBytes()) + " (modelstore.fetcher.ingests.min-throughput-bytes), "
                        + "so the download was stopped; check that the source serves the file at a usable speed");
            }
        }
    }

    private void stop(RunningIngests.Running ingest, ObjectStoreModelWriter writer, String reason) {
        LOG.infof("ingest of model %s stopped: %s", ingest.modelId, reason);
        writer.abort(new IngestFailure(reason));
    }

    private static String human(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0) {
            return (seconds / 3600) + " h";
        }
        return seconds % 60 == 0 ? (seconds / 60) + " min" : seconds + " s";
    }
}
