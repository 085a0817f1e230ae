package dev.modelstore.fetcher.export;

import dev.modelstore.fetcher.config.FetcherConfig;
import dev.modelstore.fetcher.service.DispatchLoop;
import dev.modelstore.fetcher.service.IngestService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;

/**
 * Runs queued store exports on this fetcher's export slots, as the ingest dispatcher runs ingests:
 * claims the next queued export whenever a slot is free, beats the heartbeat of those it runs every
 * few seconds, queues again those of fetchers that stopped beating (and at start, those its own
 * earlier life left running), and fails local exports that waited too long for their client.
 */
@ApplicationScoped
public class ExportDispatcher {

    private static final Logger LOG = Logger.getLogger(ExportDispatcher.class);
    private static final Duration BEAT = Duration.ofSeconds(5);
    /** A running export whose fetcher has not beaten for this long is taken to be abandoned. */
    static final Duration SILENCE = Duration.ofSeconds(30);

    private final ExportQueue queue;
    private final ExportRunner runner;
    private final String worker;
    private final Duration localWait;
    private final int perProject;
    private final Semaphore slots;
    private final ExecutorService runners;
    private final DispatchLoop loop;

    ExportDispatcher(ExportQueue queue, ExportRunner runner, IngestService ingests, FetcherConfig config) {
        this.queue = queue;
        this.runner = runner;
        this.worker = ingests.worker();
        this.localWait = config.exports().localWait();
        this.perProject = Math.max(1, config.exports().slotsPerProject());
        int count = Math.max(1, config.exports().slots());
        this.slots = new Semaphore(count);
        this.runners = Executors.newFixedThreadPool(count, runnable -> {
            Thread runnerThread = new Thread(runnable, "export-runner");
            runnerThread.setDaemon(true);
            return runnerThread;
        });
        this.loop = new DispatchLoop("export dispatcher", BEAT, new DispatchLoop.Work() {
            @Override
            public void beat() {
                ExportDispatcher.this.beat();
            }

            @Override
            public boolean dispatchOne() {
                return ExportDispatcher.this.dispatchOne();
            }
        }, LOG);
    }

    /** This fetcher's name in the fleet. */
    public String worker() {
        return worker;
    }

    void start(@Observes StartupEvent event) {
        int requeued = queue.requeueAbandoned(SILENCE, worker);
        if (requeued > 0) {
            LOG.infof("%d exports left running by an earlier fetcher were queued again", requeued);
        }
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        loop.stop();
        runners.shutdownNow();
    }

    /** Asks the dispatcher to look at the queue now. */
    public void wakeUp() {
        loop.wakeUp();
    }

    private void beat() {
        queue.heartbeat(worker, runner.ids());
        int requeued = queue.requeueAbandoned(SILENCE, null);
        if (requeued > 0) {
            LOG.infof("%d exports of fetchers that stopped answering were queued again", requeued);
        }
        queue.expireLocal(localWait);
    }

    private boolean dispatchOne() {
        if (!slots.tryAcquire()) {
            return false;
        }
        Optional<ExportQueue.Claimed> claimed;
        try {
            claimed = queue.claimNext(worker, perProject);
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
        if (claimed.isEmpty()) {
            slots.release();
            return false;
        }
        runners.submit(() -> {
            try {
                runner.run(claimed.get());
            } finally {
                slots.release();
                wakeUp();
            }
        });
        return true;
    }
}
