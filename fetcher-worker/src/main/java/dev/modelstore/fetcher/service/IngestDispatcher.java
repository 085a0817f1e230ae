package dev.modelstore.fetcher.service;

import dev.modelstore.fetcher.config.FetcherConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Runs queued ingests on this fetcher's slots: whenever a slot is free it claims the next queued
 * ingest fairly ({@link IngestQueue}), runs it on a thread of its own, and, every few seconds, beats
 * the heartbeat of its running ingests and queues again those of fetchers that stopped beating. At
 * start it queues again what its own earlier life left running, so a restarted fetcher takes its
 * ingests over at once.
 */
@ApplicationScoped
public class IngestDispatcher {

    private static final Logger LOG = Logger.getLogger(IngestDispatcher.class);
    private static final Duration BEAT = Duration.ofSeconds(5);
    /** A running ingest whose fetcher has not beaten for this long is taken to be abandoned. */
    static final Duration SILENCE = Duration.ofSeconds(30);

    private final IngestQueue queue;
    private final IngestSlots slots;
    private final IngestService ingests;
    private final RunningIngests running;
    private final String worker;
    private final ExecutorService runners;
    private final DispatchLoop loop;

    IngestDispatcher(IngestQueue queue, IngestSlots slots, IngestService ingests, RunningIngests running,
            FetcherConfig config) {
        this.queue = queue;
        this.slots = slots;
        this.ingests = ingests;
        this.running = running;
        this.worker = ingests.worker();
        this.runners = Executors.newFixedThreadPool(Math.max(1, config.ingests().slots()), runnable -> {
            Thread runner = new Thread(runnable, "ingest-runner");
            runner.setDaemon(true);
            return runner;
        });
        this.loop = new DispatchLoop("ingest dispatcher", BEAT, new DispatchLoop.Work() {
            @Override
            public void beat() {
                IngestDispatcher.this.beat();
            }

            @Override
            public boolean dispatchOne() {
                return IngestDispatcher.this.dispatchOne();
            }
        }, LOG);
    }

    void start(@Observes StartupEvent event) {
        int requeued = queue.requeueAbandoned(SILENCE, worker);
        if (requeued > 0) {
            LOG.infof("%d ingests left running by an earlier fetcher were queued again", requeued);
        }
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        loop.stop();
        runners.shutdownNow();
    }

    /** Asks the dispatcher to look at the queue now (a request was queued, a slot freed). */
    public void wakeUp() {
        loop.wakeUp();
    }

    private void beat() {
        queue.heartbeat(worker, running.ids());
        int requeued = queue.requeueAbandoned(SILENCE, null);
        if (requeued > 0) {
            LOG.infof("%d ingests of fetchers that stopped answering were queued again", requeued);
        }
    }

    /** Claims and starts one queued ingest if a slot is free for it; false when there is nothing to do. */
    private boolean dispatchOne() {
        if (slots.full()) {
            return false;
        }
        Set<UUID> capped = slots.capped();
        Optional<IngestQueue.Claimed> claimed = queue.claimNext(worker, capped);
        if (claimed.isEmpty()) {
            return false;
        }
        IngestQueue.Claimed ingest = claimed.get();
        // Only this thread takes slots, and the claim passed over capped projects: the slot is free.
        IngestSlots.Slot slot = slots.tryAcquire(ingest.request().projectId()).orElseThrow(() -> new IllegalStateException(
                "no slot for the claimed ingest of model " + ingest.request().modelId()));
        runners.submit(() -> {
            try {
                ingests.run(ingest.request(), ingest.attempt());
            } finally {
                slot.close();
                wakeUp();
            }
        });
        return true;
    }
}
