package dev.modelstore.fetcher.export;

import dev.modelstore.fetcher.config.FetcherConfig;
import dev.modelstore.fetcher.service.IngestService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
    private final Semaphore slots;
    private final ExecutorService runners;
    private final ArrayBlockingQueue<Boolean> signal = new ArrayBlockingQueue<>(1);
    private volatile boolean stopping;
    private Thread thread;

    ExportDispatcher(ExportQueue queue, ExportRunner runner, IngestService ingests, FetcherConfig config) {
        this.queue = queue;
        this.runner = runner;
        this.worker = ingests.worker();
        this.localWait = config.exports().localWait();
        int count = Math.max(1, config.exports().slots());
        this.slots = new Semaphore(count);
        this.runners = Executors.newFixedThreadPool(count, runnable -> {
            Thread runnerThread = new Thread(runnable, "export-runner");
            runnerThread.setDaemon(true);
            return runnerThread;
        });
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
        thread = new Thread(this::loop, "export-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (thread != null) {
            thread.interrupt();
        }
        runners.shutdownNow();
    }

    /** Asks the dispatcher to look at the queue now. */
    public void wakeUp() {
        signal.offer(Boolean.TRUE);
    }

    private void loop() {
        long nextBeat = 0;
        while (!stopping) {
            try {
                if (System.nanoTime() >= nextBeat) {
                    queue.heartbeat(worker, runner.ids());
                    int requeued = queue.requeueAbandoned(SILENCE, null);
                    if (requeued > 0) {
                        LOG.infof("%d exports of fetchers that stopped answering were queued again", requeued);
                    }
                    queue.expireLocal(localWait);
                    nextBeat = System.nanoTime() + BEAT.toNanos();
                }
                while (!stopping && dispatchOne()) {
                    // a slot was free and an export waited: look for the next
                }
                signal.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("the export dispatcher could not reach the database (will retry): %s", e.toString());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private boolean dispatchOne() {
        if (!slots.tryAcquire()) {
            return false;
        }
        Optional<ExportQueue.Claimed> claimed;
        try {
            claimed = queue.claimNext(worker);
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
